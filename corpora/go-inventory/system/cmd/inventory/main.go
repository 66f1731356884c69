// Command inventory runs the inventory service and its maintenance tasks.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/acme/inventory/internal/config"
	"github.com/acme/inventory/internal/server"
)

var (
	configPath string
	logLevel   string
)

func main() {
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "inventory",
		Short:         "Inventory service: HTTP API, migrations and catalogue imports",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVarP(&configPath, "config", "c", "config.yaml", "path to the config file")
	root.PersistentFlags().StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn or error")

	root.AddCommand(newServeCmd(), newMigrateCmd(), newImportCmd(), newVersionCmd())
	return root
}

func newServeCmd() *cobra.Command {
	var (
		port        int
		readTimeout time.Duration
		metrics     bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Start the HTTP API",
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(configPath)
			if err != nil {
				return err
			}
			return server.Run(cfg, port, readTimeout, metrics)
		},
	}
	cmd.Flags().IntVarP(&port, "port", "p", 8080, "port the HTTP API listens on")
	cmd.Flags().DurationVar(&readTimeout, "read-timeout", 15*time.Second, "maximum duration for reading a request")
	cmd.Flags().BoolVar(&metrics, "metrics", true, "serve Prometheus metrics on :9090")
	return cmd
}

func newMigrateCmd() *cobra.Command {
	migrate := &cobra.Command{
		Use:   "migrate",
		Short: "Apply or roll back database migrations",
	}
	var steps int
	up := &cobra.Command{
		Use:   "up",
		Short: "Apply pending migrations",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMigrations(steps)
		},
	}
	up.Flags().IntVar(&steps, "steps", 0, "number of migrations to apply (0 = all)")
	down := &cobra.Command{
		Use:   "down",
		Short: "Roll back migrations",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMigrations(-steps)
		},
	}
	down.Flags().IntVar(&steps, "steps", 1, "number of migrations to roll back")
	migrate.AddCommand(up, down)
	return migrate
}

func newImportCmd() *cobra.Command {
	var (
		file   string
		dryRun bool
		batch  int
	)
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import items from a CSV catalogue",
		RunE: func(cmd *cobra.Command, args []string) error {
			return importCatalogue(file, batch, dryRun)
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "CSV file to import")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "validate the file without writing")
	cmd.Flags().IntVar(&batch, "batch-size", 500, "rows per transaction")
	_ = cmd.MarkFlagRequired("file")
	return cmd
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Println(config.Version)
		},
	}
}

func runMigrations(steps int) error {
	fmt.Printf("migrating %d steps\n", steps)
	return nil
}

func importCatalogue(file string, batch int, dryRun bool) error {
	fmt.Printf("importing %s (batch %d, dry run %v)\n", file, batch, dryRun)
	return nil
}
