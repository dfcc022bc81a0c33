import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { graderHome } from '../../home.js';

/**
 * The HTML templates (templates/html/*.hbs, the dashboard's script). A student bundle has no
 * templates folder: its build defines SEEDGRADE_HTML_TEMPLATES with the same files inlined.
 */
declare const SEEDGRADE_HTML_TEMPLATES: Record<string, string> | undefined;

export const HTML_TEMPLATE_FILES = [
  'report.hbs',
  'dashboard.hbs',
  'heatmap.hbs',
  'chart.hbs',
  'head.hbs',
  'dashboard.js',
] as const;
export type HtmlTemplateFile = (typeof HTML_TEMPLATE_FILES)[number];

const templatesDir = (): URL => pathToFileURL(join(graderHome(), 'templates', 'html') + '/');

export function templateSource(name: HtmlTemplateFile): string {
  if (typeof SEEDGRADE_HTML_TEMPLATES !== 'undefined') return SEEDGRADE_HTML_TEMPLATES[name];
  return readFileSync(new URL(name, templatesDir()), 'utf8');
}

/** Every template's text by file name (what a bundle inlines). */
export const allTemplateSources = (): Record<string, string> =>
  Object.fromEntries(HTML_TEMPLATE_FILES.map((f) => [f, templateSource(f)]));

let env: { report: HandlebarsTemplateDelegate; dashboard: HandlebarsTemplateDelegate } | undefined;

/**
 * A private Handlebars instance with HTML escaping on (the default) and strict mode, so a typo in
 * a template fails loudly. Student text is only ever data here, never compiled as a template.
 */
export function pageTemplates(): {
  report: HandlebarsTemplateDelegate;
  dashboard: HandlebarsTemplateDelegate;
} {
  if (env) return env;
  const hb = Handlebars.create();
  for (const partial of ['heatmap', 'chart', 'head'] as const)
    hb.registerPartial(partial, templateSource(`${partial}.hbs`));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('plus', (a: number, b: number) => a + b);
  const compile = (name: HtmlTemplateFile) =>
    hb.compile(templateSource(name), { strict: true, assumeObjects: false, preventIndent: true });
  env = { report: compile('report.hbs'), dashboard: compile('dashboard.hbs') };
  return env;
}
