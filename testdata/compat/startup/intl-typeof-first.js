const hasIntl = typeof Intl !== "undefined" && typeof Intl.NumberFormat === "function";
return { hasIntl, fmt: hasIntl ? new Intl.NumberFormat("en-US").format(1234567.891) : null };
