// Resolve relative links found on a page against its URL.
const page = 'https://blog.example.com/posts/2024/hello-world/';
const hrefs = ['../', '../../archive', '/about', 'img/cover.png', '?page=2', '#comments', '//cdn.example.net/x.js', 'mailto:me@example.com', 'https://other.org/'];
return hrefs.map((h) => new URL(h, page).href);
