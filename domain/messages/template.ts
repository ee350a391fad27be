/** One message of the catalogue: its subject and body, with `{name}` placeholders. */
export interface Template {
  subject: string;
  body: string;
}
