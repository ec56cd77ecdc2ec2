// The ballot papers' peer: pdfmake (the PDF engine OpenSlides uses) draws the same 100 numbered
// ballot papers as `crates/documents/benches/ballots.rs` (10 candidates, the same names,
// organisations, SME tags, serials 1001-1100 and wording), one paper per A5 page: the group, the
// election, the instructions, the candidates with a box to number, the serial and where to return
// it. Ours puts two papers on an A4 sheet with a cut line; the text drawn is the same.
//
// Timing is in-process (performance.now()), so Node's start-up and module loading are excluded:
// one run first (warms the JIT and reads the fonts once from disk), then the median of RUNS runs
// of createPdf + getBuffer. Prints one JSON line: {"median_s", "runs_s", "pages", "bytes"}.
// With --write FILE it also saves the PDF, so `pdftotext` can check what was drawn.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');
const here = path.dirname(fileURLToPath(import.meta.url));
const fonts = path.join(here, '../../../crates/documents/fonts');

pdfmake.addFonts({
  NotoSans: {
    normal: path.join(fonts, 'NotoSans-Regular.ttf'),
    bold: path.join(fonts, 'NotoSans-Bold.ttf'),
    italics: path.join(fonts, 'NotoSans-Italic.ttf'),
    bolditalics: path.join(fonts, 'NotoSans-BoldItalic.ttf'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fonts));

const ORGANISATIONS = [
  'Acme Pumps plc',
  'Northern Water Quality Partnership and Associated Laboratories Limited',
  'Brightwater Analytics',
  'Hydrotest Instruments (UK) Ltd',
];
const CANDIDATES = Array.from({ length: 10 }, (_, n) => ({
  name: `Zoë Candidate-${String(n + 1).padStart(2, '0')} Ó'Brien`,
  organisation: ORGANISATIONS[n % ORGANISATIONS.length],
  sme: n % 3 === 0,
}));
const SERIALS = Array.from({ length: 100 }, (_, n) => 1001 + n);

function paper(serial, last) {
  return [
    { text: 'Northern Water Quality Working Group', style: 'group' },
    { text: 'Election of supplier members 2027', style: 'title' },
    {
      text: 'Number the candidates in order of preference: 1 for your first choice, 2 for your second, and so on. Number as many or as few as you wish. 3 seats are to be filled.',
      margin: [0, 6, 0, 8],
    },
    {
      table: {
        widths: [28, '*'],
        body: CANDIDATES.map((c) => [
          { text: '', margin: [0, 4, 0, 4] },
          {
            stack: [
              { text: c.name, bold: true },
              { text: c.sme ? `${c.organisation}  SME` : c.organisation, fontSize: 8 },
            ],
          },
        ]),
      },
    },
    {
      text: 'Fold the paper once and return it to the returning officer, Sam Secretary, by 17:00 on Tue 9 Dec 2026.',
      margin: [0, 8, 0, 4],
    },
    { text: `No. ${String(serial).padStart(6, '0')}`, alignment: 'right', bold: true, pageBreak: last ? undefined : 'after' },
  ];
}

function definition() {
  return {
    pageSize: 'A5',
    pageMargins: [32, 28, 32, 28],
    defaultStyle: { font: 'NotoSans', fontSize: 9 },
    styles: { group: { fontSize: 9 }, title: { fontSize: 14, bold: true } },
    content: SERIALS.flatMap((s, i) => paper(s, i === SERIALS.length - 1)),
  };
}

async function draw() {
  return pdfmake.createPdf(definition()).getBuffer();
}

const RUNS = Number(process.env.RUNS ?? 7);
const first = await draw();
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await draw();
  runs.push((performance.now() - start) / 1000);
}
const sorted = [...runs].sort((a, b) => a - b);
const pages = (first.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const out = process.argv.indexOf('--write');
if (out > 0) writeFileSync(process.argv[out + 1], first);
const version = require('pdfmake/package.json').version;
console.log(JSON.stringify({ version, median_s: sorted[Math.floor(sorted.length / 2)], runs_s: runs, pages, bytes: first.length }));
