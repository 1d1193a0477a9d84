return net.connect(80, 'example.com');
