return { process };
