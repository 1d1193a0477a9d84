// Hosts in URLs from logs: IPv4 in odd forms, IPv6, internationalized names.
const hosts = ['http://0x7f.0.0.1/', 'http://2130706433/', 'http://192.168.1.010/', 'http://[2001:DB8:0:0:0:0:0:1]:80/', 'http://[::ffff:10.0.0.1]/', 'https://bücher.example/', 'https://ÉCOLE.fr/', 'http://localhost./'];
return hosts.map((h) => new URL(h).host);
