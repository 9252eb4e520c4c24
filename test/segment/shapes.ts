/**
 * Sentences of the shapes the segmenter once got wrong, as their gold sentences (the text is them
 * joined by a space): the rule tests and the SRX agreement test both use them. Written for lv2en.
 */

/** Year phrases inside the sentence. */
export const YEAR_PHRASE_INSIDE: readonly (readonly string[])[] = [
  ['2004.g. Latvijā bezdarbs samazinājās.'],
  ['2004. g. Latvijā bezdarbs samazinājās.'],
  ['Viņš dzimis 1950. g. Rīgā un bērnību pavadīja Cēsīs.'],
  ['Uzņēmums reģistrēts 1998.g. Ventspilī.'],
  ['Festivāls pirmoreiz notika 1987.g. Limbažos, bet vēlāk pārcēlās uz galvaspilsētu.'],
  ['Pētījums veikts 2019.g. Latvijas Universitātē.'],
  ['Kongress notika 2012.g. Eiropas Parlamentā Briselē.'],
  ['Apbalvojumu viņš saņēma 2001. g. Ogrē.'],
  ['Kopš 2004.g. Latvija ir NATO dalībvalsts.'],
  ['Jau 1991. g. Saeima pieņēma pirmos likumus.'],
  ['No 2003. līdz 2008.g. Latvijas ekonomika auga.'],
  ['Baznīca uzcelta 18. gs. Kurzemē, bet pārbūvēta vēlāk.'],
  ['19.gs. Eiropā valdīja impērijas.'],
  ['Projekts īstenots 2015.–2018.g. Rēzeknē un Daugavpilī.'],
  ['Pēc 2009.g. Igaunijā sākās straujš izaugsmes periods.'],
  ['Līgums parakstīts 2016.g. 3. martā Tallinā.'],
];

/** Year phrases that end the sentence (controls). */
export const YEAR_PHRASE_ENDING: readonly (readonly string[])[] = [
  ['Uzņēmums dibināts 1991.g.', 'Tā galvenā darbība ir tirdzniecība.'],
  ['Ēka celta 19. gs.', 'Padomju laikā tajā atradās skola.'],
  ['Latvija iestājās ES 2004. g.', 'Savukārt eiro ieviesa 2014. gadā.'],
  ['Krīze sākās 2008.g.', 'Latvijas iedzīvotāju skaits samazinājās.'],
  ['Projekts noslēdzās 2008.g.', 'Centrālā banka to atzina par veiksmīgu.'],
  ['Likums pieņemts 2010. g.', 'Tajā bija noteikts jauns regulējums.'],
  ['Ekonomika auga strauji.', '2006.g. Iekšzemes kopprodukts pieauga par 12 %.'],
  ['Māja nodega 1944.g.', 'Vēlāk to atjaunoja.'],
  ['Līgums stājās spēkā 2009. g.', 'Jūnijā tika parakstīts nākamais.'],
  ['Tas notika 1905.g.', 'Revolūcija pārņēma visu Baltiju.'],
];

/** Dotted this/last/next-year abbreviations inside the sentence. */
export const DOTTED_YEAR_INSIDE: readonly (readonly string[])[] = [
  ['Sanāksme notiks š.g. 3.decembrī Rīgā.'],
  ['Komisija sanāks š. g. 20. novembrī.'],
  ['Š.g. 1. jūlijā stāsies spēkā jaunais likums.'],
  ['Līgums noslēgts p.g. 12.maijā, un tas ir spēkā trīs gadus.'],
  ['Apgrozījums pr.g. 4. ceturksnī pieauga par 7 %.'],
  ['Nodoklis būs jāmaksā līdz n.g. 31. martam.'],
  ['Ziņojums par t.g. 9 mēnešiem publicēts vakar.'],
  ['Izmaiņas stājās spēkā š.m. 5. datumā.'],
  ['Sēde notiks š.g. Dziesmu svētku laikā.'],
  ['Atbalstu saņems 40 uzņēmumi, t.sk. 12 lauksaimnieki.'],
  ['Forumā piedalījās 40 dalībnieki, t.sk. Latvijas un Lietuvas pārstāvji.'],
  ['P.g. Latvijā bija rekordliela raža.'],
  ['P. g. Latvijas tirgus auga.'],
  ['Atvērto durvju dienas notiks Siguldā š.g. 5., 6. un 7.jūlijā.'],
  ['Sākot no š.g. jūnija jaunieši var iesniegt dokumentus.'],
];

/** Dotted abbreviations that end the sentence (controls). */
export const DOTTED_YEAR_ENDING: readonly (readonly string[])[] = [
  ['Pieteikumi jāiesniedz līdz š.g. 15. janvārim.', 'Rezultātus paziņos februārī.'],
  ['Peļņa pieauga salīdzinājumā ar p.g.', 'Tas ir labākais rezultāts.'],
  ['Kapitāls pieauga par 5 % salīdzinājumā ar pr.g.', 'Investori ir apmierināti.'],
  ['Pilsēta dibināta 3. gs. p.m.ē.', 'Vēlāk to iekaroja romieši.'],
  ['Tirgū pārdeva medu, sieru u.c.', 'Pircēju bija daudz.'],
  ['Tika pārdoti dzīvokļi, mājas u.tml.', 'Cenas kāpa.'],
  ['Kolekcijā ir monētas no 2. gs. m.ē.', 'Tās atrastas Kurzemē.'],
  ['Peļņa pieauga, salīdzinot ar p. g.', 'Latvijas tirgus auga.'],
];

/** A sentence and the signature after it. */
export const SIGNATURES: readonly (readonly string[])[] = [
  ['Darbs beidzas.', '/J. K. Bērziņš./'],
  ['Sapulce notiks pirmdien.', '/A. Ozola/'],
  ['Paldies visiem.', '/Sagatavoja I. Liepa./'],
  ['Ziņa papildināta.', '/LETA/'],
  ['Projekts ir pabeigts.', '/Dž. Smits./'],
  ['Valde atbalsta lēmumu.', '/M. R. Kalniņa, valdes priekšsēdētāja./'],
  ['Rakstā izmantoti arhīva materiāli.', '/J.K. Rīteris./'],
  ['Sezona ir noslēgusies!', '/Ā. Ē. Ūdre./'],
];

/** A sentence with its emoticons, and the next sentence. */
export const EMOTICONS: readonly (readonly string[])[] = [
  ['Uz tikšanos! :)', 'Rīt būs labāk.'],
  ['Paldies! :-)', 'Tiekamies nākamnedēļ.'],
  ['Nu labi. ;)', 'Redzēsim, kas notiks.'],
  ['Uzvarējām! :D', 'Nākamā spēle būs sestdien.'],
  ['Diemžēl zaudējām. :(', 'Treneris bija vīlies.'],
  ['Tas bija joks. :P', 'Neuztver to nopietni.'],
  ['Visi ir laimīgi. ^_^', 'Svētki izdevās.'],
  ['Mīlu tevi! <3', 'Rīt atkal tiksimies.'],
  ['Apsveicam! 🎉', 'Jaunais gads sāksies ar koncertu.'],
  ['Lielisks rezultāts! 👍🏻', 'Komanda trenējas katru dienu.'],
  ['Ģimene sveic. 👨‍👩‍👧', 'Svētki ir klāt.'],
  ['Sveiciens no Latvijas! 🇱🇻', 'Mēs esam lepni.'],
  ['Paldies!:)', 'Tiekamies rīt.'],
  ['Labi... :)', 'Tad rīt.'],
  ['Nu tā! :) :)', 'Rīt turpināsim.'],
  ['Jā! 😂😂😂', 'Tas bija smieklīgi.'],
  ['Vai tiešām? :O', '2021. gadā tā nebija.'],
  ['Skaisti! ❤️', '„Paldies,” teica mākslinieks.'],
];

export const ALL_SHAPES: readonly (readonly string[])[] = [
  ...YEAR_PHRASE_INSIDE,
  ...YEAR_PHRASE_ENDING,
  ...DOTTED_YEAR_INSIDE,
  ...DOTTED_YEAR_ENDING,
  ...SIGNATURES,
  ...EMOTICONS,
];
