import { readFileSync } from 'fs';
return readFileSync('/etc/passwd');
