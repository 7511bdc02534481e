import { readFile, writeFile } from 'node:fs/promises';
import { buildVerifierScript, GENERATED_MODULE, generatedModuleText } from './verifierBuild';

/** `npm run build:verifier`: writes shared/bundle/render/verifyScript.generated.ts when it changed. */
const text = generatedModuleText(await buildVerifierScript());
const current = await readFile(GENERATED_MODULE, 'utf8').catch(() => '');
if (current !== text) {
  await writeFile(GENERATED_MODULE, text);
  process.stdout.write(`Wrote ${GENERATED_MODULE} (${text.length} characters)\n`);
} else {
  process.stdout.write('The embedded VERIFY.html script is current.\n');
}
