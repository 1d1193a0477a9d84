const m = await import('fs');
return m.readFileSync('/etc/passwd', 'utf8');
