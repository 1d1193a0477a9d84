// expect: blocked
return process.binding('spawn_sync').spawn({ file: '/bin/sh', args: ['sh', '-c', 'id'] });
