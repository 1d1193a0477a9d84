// Natural sort of file names from a directory listing.
const files = ["report10.pdf", "report2.pdf", "Report1.pdf", "report1.pdf", "image-003.png", "image-1.png", "image-20.png", "notes.txt", "Notes.txt", "v1.10.0.tar.gz", "v1.2.0.tar.gz", "v1.9.3.tar.gz"];
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const sorted = [...files].sort(collator.compare);
console.log(sorted.join("\n"));
return sorted;
