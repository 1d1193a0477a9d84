return process.binding('spawn_sync');
