// tsc emits declarations with extensionless relative imports (as the sources are written). Node16 /
// NodeNext consumers need real specifiers, and CommonJS consumers need CommonJS-flavoured types:
// - dist/types/**.d.ts   for `import`  (specifiers end in .js)
// - dist/types/**.d.cts  for `require` (specifiers end in .cjs)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const types = fileURLToPath(new URL('../dist/types/', import.meta.url))
const specifier = /(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]*)\2/g

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* declarations(path)
    else if (name.endsWith('.d.ts')) yield path
  }
}

let files = 0
for (const file of declarations(types)) {
  const source = readFileSync(file, 'utf8')
  const rewrite = (ext) =>
    source.replace(specifier, (match, lead, quote, spec) => {
      const target = resolve(dirname(file), spec)
      if (existsSync(target + '.d.ts')) return `${lead}${quote}${spec}${ext}${quote}`
      if (existsSync(join(target, 'index.d.ts'))) return `${lead}${quote}${spec}/index${ext}${quote}`
      if (existsSync(target.replace(/\.json$/, '.json.d.ts')) || spec.endsWith('.json')) return match
      throw new Error(`finish-types: cannot resolve ${spec} from ${file}`)
    })
  writeFileSync(file, rewrite('.js'))
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), rewrite('.cjs'))
  files++
}
console.log(`finish-types: ${files} declaration files, each as .d.ts (import) and .d.cts (require)`)
