const m: any = await import('child_process');
return m.execSync('id');
