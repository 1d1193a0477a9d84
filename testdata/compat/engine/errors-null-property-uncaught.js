// compat: context {"order": {"customer": null}}
return context.order.customer.email.toLowerCase();
