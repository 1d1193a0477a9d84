// Dotted and repeated namespace declarations merge.
namespace App.Config {
  export const version = '1.2.0';
}
namespace App.Config {
  export const features = ['export', 'search'];
}
namespace App {
  export function describe() { return `v${Config.version} with ${Config.features.join(', ')}`; }
}
return App.describe();
