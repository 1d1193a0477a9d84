const dn = new Intl.DisplayNames("en", { type: "calendar" });
return ["gregory", "ethioaa", "buddhist"].map((c) => dn.of(c));
