// Round trip form data through URLSearchParams.
const form = { name: 'Zoë Smith', email: 'zoe+test@example.com', note: 'a&b=c 100% done', empty: '' };
const body = new URLSearchParams(form).toString();
console.log(body);
const back = Object.fromEntries(new URLSearchParams(body));
return { body, same: JSON.stringify(back) === JSON.stringify(form), back };
