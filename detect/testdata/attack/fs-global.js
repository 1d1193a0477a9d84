return fs.readFileSync('/etc/passwd', 'utf8');
