// Command ferretdb runs FerretDB with its SQLite backend as a stand-in
// MongoDB server for codexec's audit tests and CI. It is a nested module so
// that the project's own build and tests never link FerretDB.
//
// It listens on -listen (port 0 picks a free one), stores its data under
// -dir, prints the server's MongoDB URI as its first line on standard
// output once it accepts connections, and stops on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0: any free port)")
	dir := flag.String("dir", "", "directory for the SQLite databases (required)")
	quiet := flag.Bool("quiet", false, "log warnings and errors only")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: -dir is required")
		os.Exit(2)
	}
	abs, err := filepath.Abs(*dir)
	if err == nil {
		err = os.MkdirAll(abs, 0o755)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb: data directory:", err)
		os.Exit(1)
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.Run(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "ferretdb:", err)
		}
	}()
	// MongoDBURI waits until the listener is bound.
	fmt.Println(f.MongoDBURI())
	<-done
}
