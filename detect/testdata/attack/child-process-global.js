return child_process.execSync('id').toString();
