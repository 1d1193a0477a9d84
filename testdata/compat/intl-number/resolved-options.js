// resolvedOptions, as agents inspect them.
return {
  nf: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'eur' }).resolvedOptions(),
  compact: new Intl.NumberFormat('en', { notation: 'compact' }).resolvedOptions(),
  nu: new Intl.NumberFormat('en-US-u-nu-arab').resolvedOptions().locale,
  fallback: new Intl.NumberFormat('xx-XX').resolvedOptions().locale,
  pr: new Intl.PluralRules('fr', { type: 'ordinal' }).resolvedOptions(),
  rtf: new Intl.RelativeTimeFormat('es-MX', { numeric: 'auto', style: 'short' }).resolvedOptions(),
  lf: new Intl.ListFormat('pt-BR', { type: 'disjunction' }).resolvedOptions(),
  supported: Intl.NumberFormat.supportedLocalesOf(['en-GB', 'tlh', 'de-AT', 'zh-Hant-TW']),
};
