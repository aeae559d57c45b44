import { createCorpus } from './bench/corpus';
import { buildDoc } from './src/shared/search/analyze';
import { buildSegment } from './src/shared/search/segment';
const c = createCorpus(42);
const docs = Array.from({ length: 8192 }, (_, i) => buildDoc(c.doc(i)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let k = 0; k < 3; k++) { const t = cpu(); buildSegment('x', docs); console.log('build 8192', (cpu() - t).toFixed(0)); }
