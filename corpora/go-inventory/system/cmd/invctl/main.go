// Command invctl is the operator client for the inventory API.
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name:  "invctl",
		Usage: "talk to a running inventory service",
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "server",
				Value:   "http://localhost:8080",
				Usage:   "base URL of the inventory API",
				EnvVars: []string{"INVCTL_SERVER"},
			},
			&cli.StringFlag{
				Name:    "token",
				Usage:   "API token",
				EnvVars: []string{"INVENTORY_API_TOKEN"},
			},
		},
		Commands: []*cli.Command{
			{
				Name:  "items",
				Usage: "list and inspect items",
				Subcommands: []*cli.Command{
					{
						Name:  "list",
						Usage: "list items",
						Flags: []cli.Flag{
							&cli.IntFlag{Name: "limit", Value: 50, Usage: "page size", EnvVars: []string{"INVCTL_PAGE_SIZE"}},
							&cli.StringFlag{Name: "warehouse", Aliases: []string{"w"}, Usage: "only items stocked in this warehouse"},
						},
						Action: func(c *cli.Context) error {
							fmt.Println("GET", c.String("server")+"/api/v1/items", c.Int("limit"))
							return nil
						},
					},
					{
						Name:      "get",
						Usage:     "show one item",
						ArgsUsage: "<sku>",
						Action: func(c *cli.Context) error {
							fmt.Println("GET", c.String("server")+"/api/v1/items/"+c.Args().First())
							return nil
						},
					},
				},
			},
			{
				Name:  "reserve",
				Usage: "reserve stock for an order",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "sku", Required: true},
					&cli.IntFlag{Name: "quantity", Value: 1},
				},
				Action: func(c *cli.Context) error {
					fmt.Println("POST", c.String("server")+"/api/v1/reservations")
					return nil
				},
			},
		},
	}
	if err := app.Run(os.Args); err != nil {
		log.Fatal(err)
	}
}
