return { inKeys: Object.keys(globalThis).includes("Intl"), inNames: Object.getOwnPropertyNames(globalThis).includes("Intl"), has: "Intl" in globalThis };
