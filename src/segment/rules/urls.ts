/**
 * URLs and e-mail addresses: "www.latvija.lv", "https://lrvk.gov.lv/lv/…?id=57",
 * "info@kultura.lv", "delfi.lv". Periods inside them are not sentence ends (they
 * are never followed by whitespace); a period after one is an ordinary sentence end.
 */
const TLD = '(?:lv|lt|ee|eu|com|org|net|gov|edu|info|ru|de|uk|fi|se|no|io|tv|fm|int)';

export const EMAIL = /^[\p{L}\d._%+-]+@[\p{L}\d-]+(\.[\p{L}\d-]+)+$/u;
export const URL = new RegExp(`^(?:[a-z][a-z\\d+.-]*://\\S+|www\\.\\S+|[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)*\\.${TLD}(?:[/?#]\\S*)?)$`, 'iu');

export function isUrlOrEmail(token: string): boolean {
  return EMAIL.test(token) || URL.test(token);
}
