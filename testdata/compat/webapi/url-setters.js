// Rewrite a URL piece by piece.
const u = new URL('http://localhost:3000/api/v1/users?page=1');
u.protocol = 'https:';
u.hostname = 'api.example.com';
u.port = '443';
u.pathname = '/api/v2/users list';
u.search = '?page=2&per_page=50';
u.hash = 'results';
u.username = 'bot';
const steps = [u.href];
u.port = '8443';
u.host = 'staging.example.com:9000';
steps.push(u.href, u.origin);
return steps;
