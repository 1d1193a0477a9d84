import * as fs from 'fs';
const p: string = '/etc/passwd';
return fs.readFileSync(p, 'utf8');
