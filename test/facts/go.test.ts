import { describe, it, expect } from 'vitest';
import {
  defaultImportName,
  excludedByBuildTags,
  goProvider,
  linkGoCommands,
  isGoSource,
  lexGo,
  normalizeGoRoute,
  parseStructTag,
} from '../../src/facts/providers/go.js';
import { loadSystem } from '../../src/facts/system.js';
import type { Fact, Problem } from '../../src/types.js';
import { writeTree, type Files } from '../helpers/project.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** Go source from a template literal; the first newline is dropped so that line 1 is the first line. */
const go = (s: TemplateStringsArray): string => (s[0] as string).replace(/^\n/, '');

/** `[key, value, line, column]` of facts. */
const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column]);
/** `[key, value, line, meta]` of facts. */
const withMeta = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line, f.meta]);

// A urfave/cli v3 server's flag file (package main under cmd/server/, flags in a package-level var).
const SERVER_FLAGS = go`
// Copyright 2023 Woodpecker Authors
package main

import (
	"os"
	"time"

	"github.com/urfave/cli/v3"

	"go.woodpecker-ci.org/woodpecker/v3/shared/logger"
)

const envDatabaseDriver = "WOODPECKER_DATABASE_DRIVER"

var flags = append([]cli.Flag{
	&cli.BoolFlag{
		Sources: cli.EnvVars("WOODPECKER_LOG_XORM"),
		Name:    "log-xorm",
		Usage:   "enable xorm logging",
	},
	&cli.StringFlag{
		Sources: cli.EnvVars("WOODPECKER_HOST"),
		Name:    "server-host",
		Usage:   "server fully qualified url (<scheme>://<host>[/<prefix path>])",
	},
	&cli.StringFlag{
		Sources: cli.EnvVars("WOODPECKER_SERVER_ADDR"),
		Name:    "server-addr",
		Usage:   "server address",
		Value:   ":8000",
	},
	&cli.StringFlag{
		Sources: cli.EnvVars("WOODPECKER_GRPC_ADDR"),
		Name:    "grpc-addr",
		Usage:   "grpc address",
		Value:   ":9000",
	},
	&cli.StringSliceFlag{
		Sources: cli.EnvVars("WOODPECKER_ADMIN"),
		Name:    "admin",
		Usage:   "list of admin users",
	},
	&cli.DurationFlag{
		Sources: cli.EnvVars("WOODPECKER_KEEPALIVE_MIN_TIME"),
		Name:    "keepalive-min-time",
		Usage:   "minimum time a client should wait before sending a keepalive ping",
		Value:   time.Second * 10,
	},
	&cli.StringFlag{
		Sources: cli.NewValueSourceChain(cli.EnvVar(envDatabaseDriver), cli.File("/run/secrets/db-driver")),
		Name:    "db-driver",
		Aliases: []string{"database-driver"},
		Usage:   "database driver",
		Value:   "sqlite3",
	},
	&cli.StringFlag{
		Sources: cli.EnvVars("WOODPECKER_DATABASE_DATASOURCE", "DATABASE_URL"),
		Name:    "db-datasource",
		Usage:   "database driver configuration string",
		Value:   datasourceDefaultValue(),
	},
	&cli.IntFlag{
		Sources: cli.EnvVars("WOODPECKER_MAX_PIPELINE_TIMEOUT"),
		Name:    "max-pipeline-timeout",
		Usage:   "maximum time in minutes you can set in the repo settings",
		Value:   120,
	},
	&cli.StringSliceFlag{
		Sources: cli.EnvVars("WOODPECKER_DEFAULT_APPROVAL_MODES"),
		Name:    "default-approval-modes",
		Value:   []string{"forks", "none"},
	},
	&cli.BoolFlag{
		Sources:  cli.EnvVars("WOODPECKER_OPEN"),
		Name:     "open",
		Required: true,
		Hidden:   true,
	},
	// &cli.StringFlag{
	//	Sources: cli.EnvVars("WOODPECKER_LEGACY"),
	//	Name:    "legacy",
	// },
}, logger.GlobalLoggerFlags...)

func datasourceDefaultValue() string {
	if os.Getenv("WOODPECKER_DATABASE_DRIVER") == "sqlite3" {
		return "woodpecker.sqlite"
	}
	return ""
}
`;

// Its main.go: the root command built by field assignments.
const SERVER_MAIN = go`
package main

import (
	"context"
	"os"

	"github.com/urfave/cli/v3"
)

func main() {
	app := cli.Command{}
	app.Name = "woodpecker-server"
	app.Usage = "woodpecker server"
	app.Action = run
	app.Commands = []*cli.Command{
		{
			Name:   "ping",
			Usage:  "ping the server",
			Action: pinger,
		},
	}
	app.Flags = flags

	if err := app.Run(context.Background(), os.Args); err != nil {
		os.Exit(1)
	}
}
`;

// A urfave/cli v2 app with subcommands: shared flag slices, append, elided literals, an in-file constructor.
const CLI_MAIN = go`
package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"go.woodpecker-ci.org/woodpecker/cli/pipeline"
)

var commonFlags = []cli.Flag{
	&cli.StringFlag{
		Name:    "server",
		Aliases: []string{"s"},
		Usage:   "server address",
		EnvVars: []string{"WOODPECKER_SERVER"},
	},
	&cli.StringFlag{
		Name:    "token",
		Aliases: []string{"t"},
		EnvVars: []string{"WOODPECKER_TOKEN"},
	},
}

var repoAddCmd = &cli.Command{
	Name:      "add",
	Usage:     "add a repository",
	ArgsUsage: "<forge-remote-id>",
	Action:    repoAdd,
	Flags: append(commonFlags, &cli.BoolFlag{
		Name:  "trusted",
		Usage: "repository is trusted",
	}),
}

var repoCmd = &cli.Command{
	Name:    "repo",
	Aliases: []string{"r"},
	Usage:   "manage repositories",
	Subcommands: []*cli.Command{
		repoAddCmd,
		{
			Name:  "ls",
			Usage: "list repositories",
			Flags: []cli.Flag{&cli.StringFlag{Name: "format", Value: "{{ .FullName }}"}},
		},
		newRepoRemoveCmd(),
	},
}

func newRepoRemoveCmd() *cli.Command {
	return &cli.Command{Name: "rm", Usage: "remove a repository"}
}

func main() {
	app := cli.NewApp()
	app.Name = "woodpecker-cli"
	app.Version = "2.0.0"
	app.Flags = append(commonFlags, &cli.StringFlag{
		Name:    "log-level",
		Value:   "info",
		EnvVars: []string{"WOODPECKER_LOG_LEVEL"},
	})
	app.Commands = []*cli.Command{
		repoCmd,
		pipeline.Command,
	}
	if err := app.Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`;

// urfave/cli v1 under an import alias: "name, short" flag names, EnvVar lists, ShortName.
const LEGACY_MAIN = go`
package main

import (
	"os"

	ucli "github.com/urfave/cli"
)

func main() {
	app := ucli.NewApp()
	app.Name = "legacyctl"
	app.Flags = []ucli.Flag{
		ucli.StringFlag{
			Name:   "config, c",
			Value:  "/etc/legacy.yml",
			EnvVar: "LEGACY_CONFIG,LEGACY_CONF",
		},
		ucli.IntFlag{Name: "port", Value: 7000, EnvVar: "LEGACY_PORT"},
	}
	app.Commands = []ucli.Command{
		{Name: "status", ShortName: "st", Flags: []ucli.Flag{ucli.BoolFlag{Name: "json"}}},
	}
	app.Run(os.Args)
}
`;

// A cobra CLI: persistent flags, subcommands by AddCommand, a constructor function, viper.
const COBRA_ROOT = go`
package cmd

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var (
	cfgFile         string
	serverPort      int
	serverInterface string
)

var rootCmd = &cobra.Command{
	Use:   "hugo",
	Short: "Hugo is a very fast static site generator",
}

var serverCmd = &cobra.Command{
	Use:     "server [flags]",
	Aliases: []string{"serve"},
	Short:   "A high performance webserver",
	RunE:    runServer,
}

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the site configuration",
	}
	cmd.AddCommand(&cobra.Command{Use: "mounts", Short: "Print the configured file mounts"})
	cmd.Flags().StringP("format", "f", "toml", "preferred file format")
	return cmd
}

// Execute runs the root command.
func Execute() {
	if err := rootCmd.Execute(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}

func init() {
	cobra.OnInitialize(initConfig)
	rootCmd.PersistentFlags().StringVar(&cfgFile, "config", "", "config file (default is $HOME/.hugo.yaml)")
	rootCmd.PersistentFlags().BoolP("verbose", "v", false, "verbose output")
	rootCmd.AddCommand(serverCmd, newConfigCmd())

	flags := serverCmd.Flags()
	flags.IntVarP(&serverPort, "port", "p", 1313, "port on which the server will listen")
	flags.StringVar(&serverInterface, "bind", "127.0.0.1", "interface to which the server will bind")
	flags.Duration("poll", 500*time.Millisecond, "poll interval")
	flags.StringSlice("ignore", []string{".git", "node_modules"}, "ignored paths")
	flags.CountP("debug", "d", "debug level")

	viper.SetEnvPrefix("hugo")
	viper.AutomaticEnv()
	viper.BindEnv("baseURL", "HUGO_BASEURL")
	viper.BindEnv("environment")
}
`;

// A cobra subcommand whose parent lives in another file.
const COBRA_DEPLOY = go`
package cmd

import "github.com/spf13/cobra"

var deployCmd = &cobra.Command{
	Use:   "deploy",
	Short: "Deploy your site to a cloud provider",
}

func init() {
	deployCmd.Flags().Bool("dryRun", false, "dry run")
	rootCmd.PersistentFlags().String("cacheDir", "", "cache directory")
	rootCmd.AddCommand(deployCmd)
}
`;

// A stdlib flag main with a FlagSet subcommand, env reads through constants, Go 1.22 mux patterns.
const STDLIB_MAIN = go`
package main

import (
	"cmp"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

const envToken = "API_TOKEN"

const (
	envPrefix = "API"
	envDebug  = envPrefix + "_DEBUG"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	var timeout time.Duration
	flag.DurationVar(&timeout, "timeout", 30*time.Second, "request timeout")
	debug := flag.Bool("debug", false, "enable debug logging")
	workers := flag.Int("workers", 4, "number of workers")

	migrate := flag.NewFlagSet("migrate", flag.ExitOnError)
	steps := migrate.Int("steps", 0, "number of steps")

	flag.Parse()

	token := os.Getenv(envToken)
	verbose := os.Getenv(envDebug) != ""
	// legacy := os.Getenv("API_LEGACY_TOKEN")
	/* os.Getenv("API_BLOCK_COMMENTED") */
	os.Setenv("API_WRITTEN", "1")
	region, ok := os.LookupEnv("AWS_REGION")
	home := cmp.Or(os.Getenv("API_HOME"), "/var/lib/api")
	log.Printf("os.Getenv(\\"NOT_A_READ\\") %s", "x")

	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", getItem)
	mux.HandleFunc("POST /items", createItem)
	mux.Handle("/static/", http.StripPrefix("/static/", fileServer))
	mux.HandleFunc("/files/{path...}", serveFile)
	mux.HandleFunc("GET /{$}", index)
	http.HandleFunc("/healthz", health)

	ln, err := net.Listen("tcp", "127.0.0.1:9090")
	log.Fatal(http.ListenAndServe(*addr, mux))
}
`;

const GIN = go`
package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func NewRouter() *gin.Engine {
	r := gin.Default()
	r.GET("/healthz", health)

	api := r.Group("/api")
	{
		v1 := api.Group("/v1")
		{
			v1.GET("/repos", listRepos)
			v1.POST("/repos", createRepo)
			v1.GET("/repos/:owner/:name", getRepo)
			v1.DELETE("/repos/:owner/:name", deleteRepo)
			v1.Any("/hooks", hook)
			v1.Handle(http.MethodPatch, "/repos/:owner/:name", patchRepo)
			v1.Match([]string{"GET", "HEAD"}, "/badge/*path", badge)
			v1.GET("/", apiIndex)
		}
	}
	r.Run(":3000")
	return r
}

func registerAdmin(g *gin.RouterGroup) {
	g.GET("/users", listUsers)
}
`;

const CHI = go`
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	r.Get("/", index)
	r.Route("/articles", func(r chi.Router) {
		r.With(paginate).Get("/", listArticles)
		r.Post("/", createArticle)
		r.Route("/{articleID}", func(r chi.Router) {
			r.Get("/", getArticle)
			r.Put("/", updateArticle)
			r.Delete("/", deleteArticle)
		})
		r.Get("/{month}-{day}-{year}", listArticlesByDate)
	})
	r.Route("/users", userRoutes)
	r.Mount("/admin", adminRouter())
	r.Group(func(r chi.Router) {
		r.Use(auth)
		r.Method(http.MethodGet, "/me", me)
	})
	http.ListenAndServe(":3333", r)
	return r
}

func userRoutes(r chi.Router) {
	r.Get("/{userID:[0-9]+}", getUser)
}

func adminRouter() http.Handler {
	r := chi.NewRouter()
	r.Get("/stats", stats)
	return r
}
`;

const ECHO = go`
package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/", hello)
	admin := e.Group("/admin", basicAuth)
	admin.POST("/users", createUser)
	admin.Add(http.MethodPut, "/users/:id", updateUser)
	e.Logger.Fatal(e.Start(":1323"))
}
`;

const GORILLA = go`
package httpapi

import (
	"net/http"

	"github.com/gorilla/mux"
)

type Server struct {
	router *mux.Router
}

func (s *Server) routes() {
	s.router = mux.NewRouter()
	s.router.HandleFunc("/products", s.listProducts).Methods("GET")
	s.router.HandleFunc("/products", s.createProduct).Methods(http.MethodPost)
	s.router.HandleFunc("/products/{id:[0-9]+}", s.getProduct).Methods("GET", "HEAD").Name("product")
	api := s.router.PathPrefix("/api/v2").Subrouter()
	api.HandleFunc("/orders/{id}", s.getOrder).Methods("GET")
	api.Handle("/metrics", promhttp.Handler())
	srv := &http.Server{Addr: "0.0.0.0:8081", Handler: s.router}
	_ = srv
}
`;

// How a CI system defines the variables it injects into steps.
const ENV_MAP = go`
package pipeline

import "strconv"

func (m *Metadata) Environ() map[string]string {
	params := map[string]string{
		"CI":                 "woodpecker",
		"CI_REPO":            m.Repo.Owner + "/" + m.Repo.Name,
		"CI_REPO_NAME":       m.Repo.Name,
		"CI_REPO_URL":        m.Repo.ForgeURL,
		"CI_PIPELINE_NUMBER": strconv.FormatInt(m.Curr.Number, 10),
	}
	if m.Curr.Event == EventTag {
		params["CI_COMMIT_TAG"] = m.Curr.Commit.Ref
	}
	setNonEmptyEnvVar(params, "CI_WORKFLOW_NAME", m.Workflow.Name)
	copyEnv("CI_REPO_URL", "DRONE_REPO_LINK", params)
	env := map[string]string{}
	env["DRONE_BUILD_STATUS"] = "success"
	headers := map[string]string{"Content-Type": "application/json", "X-A": "b", "X-B": "c"}
	methods := map[string]string{"GET": "read", "PUT": "write", "DELETE": "write"}
	methods["PATCH"] = "write"
	_, _ = headers, methods
	return params
}

func setNonEmptyEnvVar(env map[string]string, key, value string) {
	if len(value) > 0 {
		env[key] = value
	}
}
`;

const STRUCT_TAGS = go`
package config

import "time"

// Config is read from the environment.
type Config struct {
	Port     int           \`envconfig:"port" default:"8080"\`
	LogLevel string        \`envconfig:"LOG_LEVEL" default:"info"\`
	DB       string        \`envconfig:"DATABASE_URL" required:"true"\`
	Timeout  time.Duration \`env:"TIMEOUT" envDefault:"5s"\`
	Hosts    []string      \`env:"HOSTS,required" envSeparator:":"\`
	Secret   string        \`json:"secret"\`
	Listen   string        \`env:"LISTEN_ADDR, default=:9090"\`
	Ignored  string        // \`env:"NOT_A_TAG"\`
}
`;

// Lexer stress: runes, raw strings holding `//` and calls, escaped quotes, generics.
const GEN_MAIN = go`
package main

import (
	"fmt"
	"os"
	"github.com/spf13/cobra"
)

type Pair[K comparable, V any] struct{ k K; v V }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

const sep = '/'
const quote = '"'
const tricky = \`raw // not a comment
os.Getenv("NOT_READ_RAW")\`

func main() {
	cmd := &cobra.Command{Use: "gen <input>", Short: "generate code"}
	cmd.Flags().StringP("out", "o", "gen.go", "output file /* not a comment */")
	x := 'a' // os.Getenv("NOT_READ_COMMENT")
	y := "\\"os.Getenv(\\\\\\"NOT_READ_STR\\\\\\")"
	if v := os.Getenv("GEN_DEBUG"); v != "" {
		fmt.Println(x, y, sep, quote, tricky)
	}
	cmd.Execute()
}
`;

describe('go provider: urfave/cli v3 flags', () => {
  const run = runProvider(goProvider, 'cmd/server/flags.go', SERVER_FLAGS);

  it('puts flags no command of the file reaches on the executable named after cmd/<name>/, as partial', () => {
    // Every flag is held by the package-level `flags` (for linking), which also holds a slice of another package.
    const held = { goDefs: 'flags', goDefRefs: 'flags>go.woodpecker-ci.org/woodpecker/v3/shared/logger#GlobalLoggerFlags' };
    expect(run.problems).toEqual([]);
    expect(rows(run.of('cli-flag'))).toEqual([
      ['--log-xorm', undefined, 18, 12],
      ['--server-host', undefined, 23, 12],
      ['--server-addr', ':8000', 28, 12],
      ['--grpc-addr', ':9000', 34, 12],
      ['--admin', undefined, 40, 12],
      ['--keepalive-min-time', 'time.Second * 10', 45, 12],
      ['--db-driver', 'sqlite3', 51, 12],
      ['--database-driver', 'sqlite3', 52, 21],
      ['--db-datasource', 'datasourceDefaultValue()', 58, 12],
      ['--max-pipeline-timeout', '120', 64, 12],
      ['--default-approval-modes', 'forks, none', 70, 12],
      ['--open', undefined, 75, 13],
    ]);
    expect(run.one('cli-flag', '--server-addr').meta).toEqual({ command: 'server', via: 'urfave/cli', env: 'WOODPECKER_SERVER_ADDR', partial: true, ...held });
    expect(run.one('cli-flag', '--database-driver').meta).toEqual({
      command: 'server',
      via: 'urfave/cli',
      env: 'WOODPECKER_DATABASE_DRIVER',
      partial: true,
      alias: '--db-driver',
      ...held,
    });
    expect(run.one('cli-flag', '--db-datasource').meta).toEqual({
      command: 'server',
      via: 'urfave/cli',
      env: 'WOODPECKER_DATABASE_DATASOURCE,DATABASE_URL',
      partial: true,
      computed: true,
      ...held,
    });
    expect(run.one('cli-flag', '--open').meta).toEqual({ command: 'server', via: 'urfave/cli', env: 'WOODPECKER_OPEN', required: true, hidden: true, partial: true, ...held });
  });

  it('reads env variables from Sources (EnvVars, EnvVar through a constant) with the flag default', () => {
    expect(withMeta(run.of('env-var'))).toEqual([
      ['WOODPECKER_DATABASE_DRIVER', undefined, 86, { via: 'os.Getenv' }],
      ['WOODPECKER_LOG_XORM', undefined, 17, { flag: 'log-xorm', via: 'urfave/cli' }],
      ['WOODPECKER_HOST', undefined, 22, { flag: 'server-host', via: 'urfave/cli' }],
      ['WOODPECKER_SERVER_ADDR', ':8000', 27, { flag: 'server-addr', via: 'urfave/cli' }],
      ['WOODPECKER_GRPC_ADDR', ':9000', 33, { flag: 'grpc-addr', via: 'urfave/cli' }],
      ['WOODPECKER_ADMIN', undefined, 39, { flag: 'admin', via: 'urfave/cli' }],
      ['WOODPECKER_KEEPALIVE_MIN_TIME', 'time.Second * 10', 44, { flag: 'keepalive-min-time', via: 'urfave/cli' }],
      ['WOODPECKER_DATABASE_DRIVER', 'sqlite3', 50, { flag: 'db-driver', via: 'urfave/cli' }],
      ['WOODPECKER_DATABASE_DATASOURCE', 'datasourceDefaultValue()', 57, { flag: 'db-datasource', via: 'urfave/cli', computed: true }],
      ['DATABASE_URL', 'datasourceDefaultValue()', 57, { flag: 'db-datasource', via: 'urfave/cli', computed: true }],
      ['WOODPECKER_MAX_PIPELINE_TIMEOUT', '120', 63, { flag: 'max-pipeline-timeout', via: 'urfave/cli' }],
      ['WOODPECKER_DEFAULT_APPROVAL_MODES', 'forks, none', 69, { flag: 'default-approval-modes', via: 'urfave/cli' }],
      ['WOODPECKER_OPEN', undefined, 74, { flag: 'open', via: 'urfave/cli' }],
    ]);
  });

  it('skips the commented-out flag and reads ports from address defaults', () => {
    expect(run.keys('cli-flag')).not.toContain('--legacy');
    expect(run.keys('env-var')).not.toContain('WOODPECKER_LEGACY');
    expect(withMeta(run.of('port'))).toEqual([
      ['8000', undefined, 28, { via: 'flag-default', flag: '--server-addr' }],
      ['9000', undefined, 34, { via: 'flag-default', flag: '--grpc-addr' }],
    ]);
    expect(run.of('bin')).toEqual([]);
    expect(run.of('cli-command')).toEqual([]);
  });
});

describe('go provider: urfave/cli roots', () => {
  it('builds a v3 root from field assignments; its Name wins over the directory for the bin', () => {
    const run = runProvider(goProvider, 'cmd/server/main.go', SERVER_MAIN);
    expect(withMeta(run.of('bin'))).toEqual([['woodpecker-server', undefined, 12, { via: 'go-main' }]]);
    expect(withMeta(run.of('cli-command'))).toEqual([
      // app.Flags = flags, a variable of another file of package main: a reference to link.
      ['woodpecker-server', undefined, 12, { via: 'urfave/cli', goFlagRefs: '#flags' }],
      ['woodpecker-server ping', undefined, 17, { via: 'urfave/cli' }],
    ]);
    expect(run.one('cli-command', 'woodpecker-server').origin.start).toEqual({ line: 12, column: 13 });
  });

  it('follows v2 subcommands through variables, elided literals and in-file constructors', () => {
    const run = runProvider(goProvider, 'cmd/cli/main.go', CLI_MAIN);
    expect(run.problems).toEqual([]);
    expect(withMeta(run.of('bin'))).toEqual([['woodpecker-cli', undefined, 58, { via: 'go-main' }]]);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['woodpecker-cli', undefined, 58, { via: 'urfave/cli', goRefs: 'go.woodpecker-ci.org/woodpecker/cli/pipeline#Command' }],
      ['woodpecker-cli repo', undefined, 38, { via: 'urfave/cli', goDefs: 'repoCmd' }],
      ['woodpecker-cli r', undefined, 39, { via: 'urfave/cli', alias: 'woodpecker-cli repo' }],
      ['woodpecker-cli repo add', undefined, 27, { via: 'urfave/cli', goDefs: 'repoAddCmd' }],
      ['woodpecker-cli repo ls', undefined, 44, { via: 'urfave/cli' }],
      ['woodpecker-cli repo rm', undefined, 53, { via: 'urfave/cli', goDefs: 'newRepoRemoveCmd' }],
    ]);
    // pipeline.Command lives in another package: only a reference for linking, nothing made up for it.
    expect(run.keys('cli-command').some((k) => k.includes('pipeline'))).toBe(false);
  });

  it('attributes shared flag slices to every command that appends them', () => {
    const run = runProvider(goProvider, 'cmd/cli/main.go', CLI_MAIN);
    const flags = run.of('cli-flag').map((f) => [f.meta?.['command'], f.key, f.value, f.origin.start.line]);
    expect(flags).toEqual([
      ['woodpecker-cli', '--server', undefined, 14],
      ['woodpecker-cli', '-s', undefined, 15],
      ['woodpecker-cli', '--token', undefined, 20],
      ['woodpecker-cli', '-t', undefined, 21],
      ['woodpecker-cli', '--log-level', 'info', 61],
      ['woodpecker-cli repo add', '--server', undefined, 14],
      ['woodpecker-cli repo add', '-s', undefined, 15],
      ['woodpecker-cli repo add', '--token', undefined, 20],
      ['woodpecker-cli repo add', '-t', undefined, 21],
      ['woodpecker-cli repo add', '--trusted', undefined, 32],
      ['woodpecker-cli repo ls', '--format', '{{ .FullName }}', 46],
    ]);
    const server = run.of('cli-flag').find((f) => f.key === '--server' && f.meta?.['command'] === 'woodpecker-cli');
    expect(server?.meta).toEqual({ command: 'woodpecker-cli', via: 'urfave/cli', short: '-s', env: 'WOODPECKER_SERVER', goDefs: 'commonFlags' });
    const alias = run.of('cli-flag').find((f) => f.key === '-s' && f.meta?.['command'] === 'woodpecker-cli');
    expect(alias?.meta).toEqual({ command: 'woodpecker-cli', via: 'urfave/cli', short: '-s', env: 'WOODPECKER_SERVER', alias: '--server', goDefs: 'commonFlags' });
    expect(withMeta(run.of('env-var'))).toEqual([
      ['WOODPECKER_SERVER', undefined, 17, { flag: 'server', via: 'urfave/cli' }],
      ['WOODPECKER_TOKEN', undefined, 22, { flag: 'token', via: 'urfave/cli' }],
      ['WOODPECKER_LOG_LEVEL', 'info', 63, { flag: 'log-level', via: 'urfave/cli' }],
    ]);
  });

  it('reads v1 apps: comma names, EnvVar lists, ShortName, value-typed flags under an import alias', () => {
    const run = runProvider(goProvider, 'cmd/legacy/main.go', LEGACY_MAIN);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['legacyctl', undefined, 11, { via: 'urfave/cli' }],
      ['legacyctl status', undefined, 21, { via: 'urfave/cli' }],
      ['legacyctl st', undefined, 21, { via: 'urfave/cli', alias: 'legacyctl status' }],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--config', '/etc/legacy.yml', 14, { command: 'legacyctl', via: 'urfave/cli', short: '-c', env: 'LEGACY_CONFIG,LEGACY_CONF' }],
      ['-c', '/etc/legacy.yml', 14, { command: 'legacyctl', via: 'urfave/cli', short: '-c', env: 'LEGACY_CONFIG,LEGACY_CONF', alias: '--config' }],
      ['--port', '7000', 18, { command: 'legacyctl', via: 'urfave/cli', env: 'LEGACY_PORT' }],
      ['--json', undefined, 21, { command: 'legacyctl status', via: 'urfave/cli' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['LEGACY_CONFIG', '/etc/legacy.yml', 16, { flag: 'config', via: 'urfave/cli' }],
      ['LEGACY_CONF', '/etc/legacy.yml', 16, { flag: 'config', via: 'urfave/cli' }],
      ['LEGACY_PORT', '7000', 18, { flag: 'port', via: 'urfave/cli' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['7000', undefined, 18, { via: 'flag-default', flag: '--port' }]]);
  });
});

describe('go provider: cobra', () => {
  const run = runProvider(goProvider, 'cmd/root.go', COBRA_ROOT);

  it('builds the command tree from AddCommand, aliases and constructor functions', () => {
    expect(run.problems).toEqual([]);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['hugo', undefined, 19, { via: 'cobra', goDefs: 'rootCmd' }],
      ['hugo server', undefined, 24, { via: 'cobra', goDefs: 'serverCmd' }],
      ['hugo serve', undefined, 25, { via: 'cobra', alias: 'hugo server' }],
      ['hugo config', undefined, 32, { via: 'cobra', goDefs: 'newConfigCmd' }],
      ['hugo config mounts', undefined, 35, { via: 'cobra' }],
    ]);
    // package cmd is not main: no bin fact.
    expect(run.of('bin')).toEqual([]);
  });

  it('reads persistent and local pflag definitions in every form, with shorthands as alias facts', () => {
    expect(run.of('cli-flag').map((f) => [f.meta?.['command'], f.key, f.value, f.origin.start.line, f.origin.start.column])).toEqual([
      ['hugo', '--config', '', 50, 48],
      ['hugo', '--verbose', 'false', 51, 34],
      ['hugo', '-v', 'false', 51, 45],
      ['hugo server', '--port', '1313', 55, 29],
      ['hugo server', '-p', '1313', 55, 37],
      ['hugo server', '--bind', '127.0.0.1', 56, 36],
      ['hugo server', '--poll', '500*time.Millisecond', 57, 17],
      ['hugo server', '--ignore', '.git, node_modules', 58, 20],
      ['hugo server', '--debug', undefined, 59, 15],
      ['hugo server', '-d', undefined, 59, 24],
      ['hugo config', '--format', 'toml', 36, 22],
      ['hugo config', '-f', 'toml', 36, 32],
    ]);
    expect(run.of('cli-flag')[1]?.meta).toEqual({ command: 'hugo', via: 'cobra', short: '-v', persistent: true });
    expect(run.of('cli-flag')[2]?.meta).toEqual({ command: 'hugo', via: 'cobra', short: '-v', persistent: true, alias: '--verbose' });
    expect(run.one('cli-flag', '--port').meta).toEqual({ command: 'hugo server', via: 'cobra', short: '-p' });
    expect(withMeta(run.of('port'))).toEqual([['1313', undefined, 55, { via: 'flag-default', flag: '--port' }]]);
  });

  it('reads viper env bindings and the automatic prefix', () => {
    expect(withMeta(run.of('env-var'))).toEqual([
      ['HUGO_BASEURL', undefined, 63, { via: 'viper', configKey: 'baseURL' }],
      ['HUGO_ENVIRONMENT', undefined, 64, { via: 'viper', configKey: 'environment', derived: true }],
      ['HUGO_*', undefined, 61, { via: 'viper', prefix: true }],
    ]);
  });

  it('marks commands whose parent is in another file as partial', () => {
    const deploy = runProvider(goProvider, 'cmd/deploy.go', COBRA_DEPLOY);
    // goDefs/goParents/goRecv: what linking needs to hang them under rootCmd once every file is read.
    expect(withMeta(deploy.of('cli-command'))).toEqual([['deploy', undefined, 6, { via: 'cobra', partial: true, goDefs: 'deployCmd', goParents: '#rootCmd' }]]);
    expect(withMeta(deploy.of('cli-flag'))).toEqual([
      ['--dryRun', 'false', 11, { command: 'deploy', via: 'cobra', partial: true }],
      // rootCmd is defined elsewhere and package cmd is not main: the command is unknown.
      ['--cacheDir', '', 12, { via: 'cobra', persistent: true, partial: true, goRecv: '#rootCmd' }],
    ]);
  });
});

describe('go provider: stdlib flag, env reads, net/http', () => {
  const run = runProvider(goProvider, 'cmd/api/main.go', STDLIB_MAIN);

  it('names the binary after its cmd/<name>/ directory and reads flag and FlagSet definitions', () => {
    expect(run.problems).toEqual([]);
    expect(withMeta(run.of('bin'))).toEqual([['api', undefined, 20, { via: 'go-main' }]]);
    expect(withMeta(run.of('cli-command'))).toEqual([['api migrate', undefined, 27, { via: 'flag' }]]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--addr', ':8080', 21, { command: 'api', via: 'flag' }],
      ['--timeout', '30*time.Second', 23, { command: 'api', via: 'flag' }],
      ['--debug', 'false', 24, { command: 'api', via: 'flag' }],
      ['--workers', '4', 25, { command: 'api', via: 'flag' }],
      ['--steps', '0', 28, { command: 'api migrate', via: 'flag' }],
    ]);
  });

  it('reads os.Getenv/LookupEnv through same-file constants and cmp.Or defaults, and nothing else', () => {
    expect(withMeta(run.of('env-var'))).toEqual([
      ['API_TOKEN', undefined, 32, { via: 'os.Getenv', constant: 'envToken' }],
      ['API_DEBUG', undefined, 33, { via: 'os.Getenv', constant: 'envDebug' }],
      ['AWS_REGION', undefined, 37, { via: 'os.LookupEnv' }],
      ['API_HOME', '/var/lib/api', 38, { via: 'os.Getenv' }],
    ]);
    expect(run.one('env-var', 'API_TOKEN').origin.start).toEqual({ line: 32, column: 21 });
    // Commented-out reads, writes and string contents are not reads.
    for (const k of ['API_LEGACY_TOKEN', 'API_BLOCK_COMMENTED', 'API_WRITTEN', 'NOT_A_READ']) expect(run.keys('env-var')).not.toContain(k);
  });

  it('reads Go 1.22 mux patterns and ports', () => {
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /items/{}', '/items/{id}', 42, { method: 'GET', framework: 'net/http' }],
      ['POST /items', '/items', 43, { method: 'POST', framework: 'net/http' }],
      ['ANY /static', '/static/', 44, { method: 'ANY', framework: 'net/http' }],
      ['ANY /files/{}', '/files/{path...}', 45, { method: 'ANY', framework: 'net/http' }],
      ['GET /', '/{$}', 46, { method: 'GET', framework: 'net/http' }],
      ['ANY /healthz', '/healthz', 47, { method: 'ANY', framework: 'net/http' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([
      ['8080', undefined, 21, { via: 'flag-default', flag: '--addr' }],
      ['9090', undefined, 49, { via: 'net.Listen', host: '127.0.0.1' }],
    ]);
  });
});

describe('go provider: routers', () => {
  it('gin: nested groups, Any, Handle, Match; a router from a parameter is partial', () => {
    const run = runProvider(goProvider, 'internal/server/router.go', GIN);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /healthz', '/healthz', 11, { method: 'GET', framework: 'gin' }],
      ['GET /api/v1/repos', '/api/v1/repos', 17, { method: 'GET', framework: 'gin' }],
      ['POST /api/v1/repos', '/api/v1/repos', 18, { method: 'POST', framework: 'gin' }],
      ['GET /api/v1/repos/{}/{}', '/api/v1/repos/:owner/:name', 19, { method: 'GET', framework: 'gin' }],
      ['DELETE /api/v1/repos/{}/{}', '/api/v1/repos/:owner/:name', 20, { method: 'DELETE', framework: 'gin' }],
      ['ANY /api/v1/hooks', '/api/v1/hooks', 21, { method: 'ANY', framework: 'gin' }],
      ['PATCH /api/v1/repos/{}/{}', '/api/v1/repos/:owner/:name', 22, { method: 'PATCH', framework: 'gin' }],
      ['GET /api/v1/badge/{}', '/api/v1/badge/*path', 23, { method: 'GET', framework: 'gin' }],
      ['HEAD /api/v1/badge/{}', '/api/v1/badge/*path', 23, { method: 'HEAD', framework: 'gin' }],
      ['GET /api/v1', '/api/v1', 24, { method: 'GET', framework: 'gin' }],
      ['GET /users', '/users', 32, { method: 'GET', framework: 'gin', partial: true }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['3000', undefined, 27, { via: 'gin' }]]);
  });

  it('chi: Route closures (nested), With, Group, Method, Route with a function, Mount of an in-file router', () => {
    const run = runProvider(goProvider, 'internal/api/router.go', CHI);
    expect(rows(run.of('route'))).toEqual([
      ['GET /', '/', 13, 8],
      ['GET /articles', '/articles', 15, 24],
      ['POST /articles', '/articles', 16, 10],
      ['GET /articles/{}', '/articles/{articleID}', 18, 10],
      ['PUT /articles/{}', '/articles/{articleID}', 19, 10],
      ['DELETE /articles/{}', '/articles/{articleID}', 20, 13],
      ['GET /articles/{}', '/articles/{month}-{day}-{year}', 22, 9],
      ['GET /me', '/me', 28, 28],
      ['GET /users/{}', '/users/{userID:[0-9]+}', 35, 8],
      ['GET /admin/stats', '/admin/stats', 40, 8],
    ]);
    for (const f of run.of('route')) expect(f.meta).toEqual({ method: f.key.split(' ')[0], framework: 'chi' });
    expect(withMeta(run.of('port'))).toEqual([['3333', undefined, 30, { via: 'http.ListenAndServe' }]]);
  });

  it('echo: groups, Add with http.Method constants, Start', () => {
    const run = runProvider(goProvider, 'cmd/web/main.go', ECHO);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /', '/', 11, { method: 'GET', framework: 'echo' }],
      ['POST /admin/users', '/admin/users', 13, { method: 'POST', framework: 'echo' }],
      ['PUT /admin/users/{}', '/admin/users/:id', 14, { method: 'PUT', framework: 'echo' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['1323', undefined, 15, { via: 'echo' }]]);
    expect(withMeta(run.of('bin'))).toEqual([['web', undefined, 9, { via: 'go-main' }]]);
  });

  it('gorilla/mux: Methods chains, PathPrefix subrouters, a router held in a struct field', () => {
    const run = runProvider(goProvider, 'internal/httpapi/server.go', GORILLA);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /products', '/products', 15, { method: 'GET', framework: 'gorilla/mux' }],
      ['POST /products', '/products', 16, { method: 'POST', framework: 'gorilla/mux' }],
      ['GET /products/{}', '/products/{id:[0-9]+}', 17, { method: 'GET', framework: 'gorilla/mux' }],
      ['HEAD /products/{}', '/products/{id:[0-9]+}', 17, { method: 'HEAD', framework: 'gorilla/mux' }],
      ['GET /api/v2/orders/{}', '/api/v2/orders/{id}', 19, { method: 'GET', framework: 'gorilla/mux' }],
      ['ANY /api/v2/metrics', '/api/v2/metrics', 20, { method: 'ANY', framework: 'gorilla/mux' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['8081', undefined, 21, { via: 'http.Server', host: '0.0.0.0' }]]);
  });
});

describe('go provider: environments and struct tags', () => {
  it('reads environment maps, setter helpers and index assignments, but not other string maps', () => {
    const run = runProvider(goProvider, 'pipeline/environ.go', ENV_MAP);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['CI', 'woodpecker', 7, { via: 'env-map' }],
      ['CI_REPO', undefined, 8, { via: 'env-map' }],
      ['CI_REPO_NAME', undefined, 9, { via: 'env-map' }],
      ['CI_REPO_URL', undefined, 10, { via: 'env-map' }],
      ['CI_PIPELINE_NUMBER', undefined, 11, { via: 'env-map' }],
      ['CI_WORKFLOW_NAME', undefined, 16, { via: 'env-map', helper: 'setNonEmptyEnvVar' }],
      ['CI_REPO_URL', undefined, 17, { via: 'env-map', helper: 'copyEnv' }],
      ['DRONE_REPO_LINK', undefined, 17, { via: 'env-map', helper: 'copyEnv' }],
      ['CI_COMMIT_TAG', undefined, 14, { via: 'env-map' }],
      ['DRONE_BUILD_STATUS', 'success', 19, { via: 'env-map' }],
    ]);
    for (const k of ['Content-Type', 'X-A', 'GET', 'PATCH']) expect(run.keys('env-var')).not.toContain(k);
  });

  it('reads envconfig and caarlos0/env tags with defaults and required', () => {
    const run = runProvider(goProvider, 'config/config.go', STRUCT_TAGS);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['PORT', '8080', 7, { via: 'struct-tag', tag: 'envconfig', field: 'Port' }],
      ['LOG_LEVEL', 'info', 8, { via: 'struct-tag', tag: 'envconfig', field: 'LogLevel' }],
      ['DATABASE_URL', undefined, 9, { via: 'struct-tag', tag: 'envconfig', field: 'DB', required: true }],
      ['TIMEOUT', '5s', 10, { via: 'struct-tag', tag: 'env', field: 'Timeout' }],
      ['HOSTS', undefined, 11, { via: 'struct-tag', tag: 'env', field: 'Hosts', required: true }],
      ['LISTEN_ADDR', ':9090', 13, { via: 'struct-tag', tag: 'env', field: 'Listen' }],
    ]);
    expect(run.one('env-var', 'PORT').origin.start).toEqual({ line: 7, column: 25 });
    expect(withMeta(run.of('port'))).toEqual([
      ['8080', undefined, 7, { via: 'env-default', env: 'PORT' }],
      ['9090', undefined, 13, { via: 'env-default', env: 'LISTEN_ADDR' }],
    ]);
  });
});

describe('go provider: lexing and file selection', () => {
  it('is not fooled by runes, raw strings, escaped quotes, comments or generics', () => {
    const run = runProvider(goProvider, 'tools/gen/main.go', GEN_MAIN);
    expect(withMeta(run.of('env-var'))).toEqual([['GEN_DEBUG', undefined, 23, { via: 'os.Getenv' }]]);
    expect(withMeta(run.of('bin'))).toEqual([['gen', undefined, 19, { via: 'go-main' }]]);
    expect(withMeta(run.of('cli-command'))).toEqual([['gen', undefined, 19, { via: 'cobra' }]]);
    expect(rows(run.of('cli-flag'))).toEqual([
      ['--out', 'gen.go', 20, 22],
      ['-o', 'gen.go', 20, 29],
    ]);
  });

  it('blanks comments without moving offsets and inserts semicolons at line ends', () => {
    const src = 'x := "a // b" // c\ny := `/* raw\n*/` /* d\n e */ + \'"\'\nz()';
    const { tokens, code } = lexGo(src);
    expect(code).toHaveLength(src.length);
    expect(code).toBe('x := "a // b"     \ny := `/* raw\n*/`     \n      + \'"\'\nz()');
    expect(tokens.map((t) => (t.auto ? ';auto' : t.text))).toEqual(['x', ':=', '"a // b"', ';auto', 'y', ':=', '`/* raw\n*/`', ';auto', '+', '\'"\'', ';auto', 'z', '(', ')', ';auto']);
    expect(tokens[6]?.value).toBe('/* raw\n*/');
    expect(lexGo('"a\\tb\\"c\\u00e9"').tokens[0]?.value).toBe('a\tb"cé');
  });

  it('skips tests, vendored code, test data, fixtures and ignored directories', () => {
    for (const p of ['main.go', 'cmd/server/main.go', 'internal/api/router.go']) expect(isGoSource(p)).toBe(true);
    for (const p of ['cmd/api/skipped_test.go', 'vendor/github.com/x/y.go', 'pkg/testdata/a.go', 'server/forge/gitea/fixtures/handler.go', 'internal/mocks/store.go', '_examples/a.go', '.github/x.go', 'main.ts']) {
      expect(isGoSource(p)).toBe(false);
    }
    expect(goProvider.matches('cmd/api/skipped_test.go')).toBe(false);
  });

  it('skips files that build tags leave out of every default build', () => {
    const body = 'package main\n\nimport "os"\n\nfunc main() { _ = os.Getenv("TAGGED") }\n';
    for (const tag of ['ignore', 'generate', 'tools', 'integration && linux', '!linux && !(darwin || !darwin) && custom']) {
      expect(excludedByBuildTags(`//go:build ${tag}\n\n${body}`)).toBe(true);
    }
    for (const tag of ['linux', '!generate', 'cgo', 'go1.21', 'linux || custom', '!windows']) expect(excludedByBuildTags(`//go:build ${tag}\n\n${body}`)).toBe(false);
    expect(runProvider(goProvider, 'cmd/x/gen.go', `//go:build generate\n\n${body}`).facts).toEqual([]);
    expect(runProvider(goProvider, 'cmd/x/linux.go', `//go:build linux\n\n${body}`).keys('env-var')).toEqual(['TAGGED']);
  });

  it('normalises Go route parameters like the route extractor', () => {
    expect(normalizeGoRoute('/a/{id}/b/:name/*rest')).toBe('/a/{}/b/{}/{}');
    expect(normalizeGoRoute('/x/{id:[0-9]{3}}')).toBe('/x/{}');
    expect(normalizeGoRoute('/files/{path...}')).toBe('/files/{}');
    expect(normalizeGoRoute('/{$}')).toBe('/');
    expect(normalizeGoRoute('/static/')).toBe('/static');
  });

  it('knows default import names and struct tag syntax', () => {
    expect(defaultImportName('github.com/urfave/cli/v3')).toBe('cli');
    expect(defaultImportName('github.com/go-chi/chi/v5')).toBe('chi');
    expect(defaultImportName('gopkg.in/yaml.v3')).toBe('yaml');
    expect(defaultImportName('github.com/mattn/go-sqlite3')).toBe('sqlite3');
    expect(parseStructTag('env:"A,required" envDefault:"x y" json:"a"')).toEqual(new Map([['env', 'A,required'], ['envDefault', 'x y'], ['json', 'a']]));
    expect(parseStructTag('not a tag')).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------------
// Linking across files and packages (provider `link`, run by loadSystem)

/** Loads a system written to a temporary directory with every provider (go.mod is read by `gomod`). */
function loadGo(files: Files) {
  const dir = writeTree(files);
  const problems: Problem[] = [];
  const system = loadSystem([dir], { cwd: dir }, problems);
  const go = (kind: 'cli-command' | 'cli-flag') => system.facts.all(kind).filter((f) => f.provider === 'go');
  return {
    problems,
    system,
    /** Full-path commands (not partial), sorted. */
    commands: () => go('cli-command').filter((f) => !f.meta?.['partial']).map((f) => f.key),
    /** Aliases among the full-path commands: `alias → canonical`. */
    aliases: () => go('cli-command').filter((f) => !f.meta?.['partial'] && f.meta?.['alias']).map((f) => `${f.key} → ${String(f.meta?.['alias'])}`),
    /** Full-path flags of `command`: `key@file:line`. */
    flagsOf: (command: string) =>
      go('cli-flag')
        .filter((f) => f.meta?.['command'] === command && !f.meta?.['partial'])
        .map((f) => `${f.key}@${f.origin.file}:${f.origin.start.line}`)
        .sort(),
    one: (kind: 'cli-command' | 'cli-flag', key: string, command?: string): Fact => {
      const found = go(kind).filter((f) => f.key === key && !f.meta?.['partial'] && (command === undefined || f.meta?.['command'] === command));
      if (found.length !== 1) throw new Error(`expected one ${kind} ${key}, found ${found.length}`);
      return found[0] as Fact;
    },
  };
}

// urfave/cli v3 tree over packages (woodpecker's layout): root in package main, `admin.Command`
// vars in cli/..., commands of one package spread over files, flags from a shared package.
const URFAVE_TREE: Files = {
  'go.mod': 'module example.com/tool\n\ngo 1.23\n\nrequire github.com/urfave/cli/v3 v3.0.0\n',
  'cmd/tool/main.go': go`
package main

import (
	"context"
	"os"

	"github.com/urfave/cli/v3"

	"example.com/tool/cli/admin"
	"example.com/tool/cli/common"
	repository "example.com/tool/cli/repo"
)

func newApp() *cli.Command {
	app := &cli.Command{}
	app.Name = "tool"
	app.Flags = common.GlobalFlags
	app.Commands = []*cli.Command{
		admin.Command,
		repository.Command,
	}
	return app
}

func main() {
	app := newApp()
	_ = app.Run(context.Background(), os.Args)
}
`,
  'cli/admin/admin.go': go`
package admin

import (
	"github.com/urfave/cli/v3"

	"example.com/tool/cli/admin/user"
)

var Command = &cli.Command{
	Name:     "admin",
	Aliases:  []string{"adm"},
	Commands: []*cli.Command{user.Command},
}
`,
  'cli/admin/user/user.go': go`
package user

import "github.com/urfave/cli/v3"

var Command = &cli.Command{
	Name:     "user",
	Commands: []*cli.Command{userAddCmd, userListCmd},
}
`,
  'cli/admin/user/user_add.go': go`
package user

import "github.com/urfave/cli/v3"

var userAddCmd = &cli.Command{
	Name: "add",
	Flags: []cli.Flag{
		&cli.BoolFlag{Name: "admin", Aliases: []string{"a"}},
	},
}
`,
  'cli/admin/user/user_list.go': go`
package user

import (
	"github.com/urfave/cli/v3"

	"example.com/tool/cli/common"
)

var userListCmd = &cli.Command{
	Name:    "ls",
	Aliases: []string{"list"},
	Flags:   []cli.Flag{common.FormatFlag("{{ .Login }}"), common.RepoFlag},
}
`,
  'cli/repo/repo.go': go`
package repo

import "github.com/urfave/cli/v3"

var Command = &cli.Command{
	Name:     "repo",
	Commands: []*cli.Command{{Name: "sync"}},
}
`,
  'cli/common/flags.go': go`
package common

import (
	"github.com/urfave/cli/v3"

	"example.com/tool/shared/logger"
)

var GlobalFlags = append([]cli.Flag{
	&cli.StringFlag{Name: "server", Aliases: []string{"s"}, Sources: cli.EnvVars("TOOL_SERVER")},
}, logger.Flags...)

func FormatFlag(tmpl string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Value: tmpl}
}

var RepoFlag = &cli.StringFlag{Name: "repository"}
`,
  'shared/logger/logger.go': go`
package logger

import "github.com/urfave/cli/v3"

var Flags = []cli.Flag{
	&cli.StringFlag{Name: "log-level", Value: "info"},
}
`,
};

// cobra's common layout: package cmd with rootCmd in root.go, each subcommand's file adding itself
// in init(), flags added from yet another file, and a constructor of another package.
const COBRA_TREE: Files = {
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  'main.go': go`
package main

import "example.com/app/cmd"

func main() { cmd.Execute() }
`,
  'cmd/root.go': go`
package cmd

import (
	"github.com/spf13/cobra"

	"example.com/app/internal/version"
)

var cfgFile string

var rootCmd = &cobra.Command{Use: "app", Short: "An app"}

func Execute() error { return rootCmd.Execute() }

func init() {
	rootCmd.PersistentFlags().StringVar(&cfgFile, "config", "", "config file")
	rootCmd.AddCommand(version.NewCmd())
}
`,
  'cmd/serve.go': go`
package cmd

import "github.com/spf13/cobra"

var serveCmd = &cobra.Command{
	Use:     "serve [flags]",
	Aliases: []string{"server"},
}

func init() {
	rootCmd.AddCommand(serveCmd)
	serveCmd.Flags().IntP("port", "p", 8080, "port to listen on")
}
`,
  'cmd/serve_flags.go': go`
package cmd

func init() {
	serveCmd.Flags().Bool("tls", false, "serve over TLS")
	rootCmd.PersistentFlags().Bool("verbose", false, "say more")
}
`,
  'cmd/db.go': go`
package cmd

import "github.com/spf13/cobra"

var dbCmd = &cobra.Command{Use: "db"}

func init() {
	rootCmd.AddCommand(dbCmd)
}
`,
  'cmd/db_migrate.go': go`
package cmd

import "github.com/spf13/cobra"

var migrateCmd = &cobra.Command{Use: "migrate"}

func init() {
	dbCmd.AddCommand(migrateCmd)
	migrateCmd.Flags().Bool("dry-run", false, "print only")
}
`,
  'internal/version/version.go': go`
package version

import "github.com/spf13/cobra"

func NewCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "version"}
	cmd.Flags().BoolP("short", "s", false, "number only")
	return cmd
}
`,
};

describe('go provider: linking command trees across files and packages', () => {
  it('stitches a urfave/cli v3 tree over packages: commands, aliases, flags of other packages', () => {
    const run = loadGo(URFAVE_TREE);
    expect(run.problems).toEqual([]);
    expect(run.commands()).toEqual([
      'tool',
      'tool adm',
      'tool admin',
      'tool admin user',
      'tool admin user add',
      'tool admin user list',
      'tool admin user ls',
      'tool repo',
      'tool repo sync',
    ]);
    expect(run.aliases()).toEqual(['tool adm → tool admin', 'tool admin user list → tool admin user ls']);
    // A copy keeps its origin and meta, with the full path and without partial or link meta.
    const add = run.one('cli-command', 'tool admin user add');
    expect(add.origin).toEqual({ file: 'cli/admin/user/user_add.go', start: { line: 6, column: 8 } });
    expect(add.meta).toEqual({ via: 'urfave/cli' });
    expect(run.flagsOf('tool admin user add')).toEqual(['--admin@cli/admin/user/user_add.go:8', '-a@cli/admin/user/user_add.go:8']);
    // Flags of another package: a constructor call and a variable.
    expect(run.flagsOf('tool admin user ls')).toEqual(['--format@cli/common/flags.go:14', '--repository@cli/common/flags.go:17']);
    // app.Flags = common.GlobalFlags, which appends logger.Flags of a third package.
    expect(run.flagsOf('tool')).toEqual(['--log-level@shared/logger/logger.go:6', '--server@cli/common/flags.go:10', '-s@cli/common/flags.go:10']);
    expect(run.one('cli-flag', '--server', 'tool').meta).toEqual({ command: 'tool', via: 'urfave/cli', short: '-s', env: 'TOOL_SERVER' });
    expect(run.one('cli-flag', '--log-level', 'tool').value).toBe('info');
    // The originals stay, partial.
    const partial = run.system.facts.get('cli-command', 'add').filter((f) => f.provider === 'go');
    expect(partial.map((f) => f.meta?.['partial'])).toEqual([true]);
  });

  it('stitches urfave/cli v2 Subcommands without go.mod, by the directory the import path ends with', () => {
    const run = loadGo({
      'main.go': go`
package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"github.com/acme/legacy/internal/cmds"
)

func main() {
	app := &cli.App{
		Name:     "legacy",
		Commands: cmds.All,
	}
	app.Run(os.Args)
}
`,
      'internal/cmds/cmds.go': go`
package cmds

import "github.com/urfave/cli/v2"

var All = []*cli.Command{
	{Name: "db", Subcommands: []*cli.Command{migrateCmd}},
	statusCmd,
}
`,
      'internal/cmds/migrate.go': go`
package cmds

import "github.com/urfave/cli/v2"

var migrateCmd = &cli.Command{
	Name:  "migrate",
	Flags: []cli.Flag{&cli.IntFlag{Name: "steps", Value: 1}},
}

var statusCmd = &cli.Command{Name: "status", Aliases: []string{"st"}}
`,
      // Same last directory name, but only one trailing segment in common: never chosen.
      'tools/cmds/other.go': go`
package cmds

import "github.com/urfave/cli/v2"

var All = []*cli.Command{{Name: "wrong"}}
`,
    });
    expect(run.commands()).toEqual(['legacy', 'legacy db', 'legacy db migrate', 'legacy st', 'legacy status']);
    expect(run.flagsOf('legacy db migrate')).toEqual(['--steps@internal/cmds/migrate.go:7']);
    expect(run.one('cli-flag', '--steps', 'legacy db migrate').value).toBe('1');
  });

  it('stitches cobra: init() AddCommand in several files of one package, flags from another file, a constructor of another package', () => {
    const run = loadGo(COBRA_TREE);
    expect(run.problems).toEqual([]);
    expect(run.commands()).toEqual(['app', 'app db', 'app db migrate', 'app serve', 'app server', 'app version']);
    expect(run.aliases()).toEqual(['app server → app serve']);
    expect(run.flagsOf('app')).toEqual(['--config@cmd/root.go:16', '--verbose@cmd/serve_flags.go:5']);
    expect(run.flagsOf('app serve')).toEqual(['--port@cmd/serve.go:12', '--tls@cmd/serve_flags.go:4', '-p@cmd/serve.go:12']);
    expect(run.flagsOf('app db migrate')).toEqual(['--dry-run@cmd/db_migrate.go:9']);
    expect(run.flagsOf('app version')).toEqual(['--short@internal/version/version.go:7', '-s@internal/version/version.go:7']);
    expect(run.one('cli-flag', '--verbose', 'app').meta).toEqual({ command: 'app', via: 'cobra', persistent: true });
    expect(run.one('cli-flag', '-p', 'app serve').meta).toEqual({ command: 'app serve', via: 'cobra', short: '-p', alias: '--port' });
  });

  it('follows constructor functions NewServeCmd() of other packages, and same-package constructors of other files', () => {
    const run = loadGo({
      'go.mod': 'module github.com/acme/srv\n\ngo 1.22\n',
      'cmd/srv/main.go': go`
package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/acme/srv/internal/server"
	ver "github.com/acme/srv/internal/version"
)

func main() {
	root := &cobra.Command{Use: "srv"}
	serve := server.NewServeCmd()
	serve.Flags().String("pid-file", "", "where to write the pid")
	root.AddCommand(serve, ver.NewVersionCmd(os.Stdout))
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
`,
      'internal/server/serve.go': go`
package server

import "github.com/spf13/cobra"

func NewServeCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "serve"}
	cmd.Flags().Int("port", 8080, "port")
	cmd.AddCommand(newStatusCmd())
	return cmd
}
`,
      'internal/server/status.go': go`
package server

import "github.com/spf13/cobra"

func newStatusCmd() *cobra.Command {
	return &cobra.Command{Use: "status", Aliases: []string{"st"}}
}
`,
      'internal/version/version.go': go`
package version

import (
	"io"

	"github.com/spf13/cobra"
)

func NewVersionCmd(out io.Writer) *cobra.Command {
	c := &cobra.Command{Use: "version"}
	return c
}
`,
    });
    expect(run.problems).toEqual([]);
    expect(run.commands()).toEqual(['srv', 'srv serve', 'srv serve st', 'srv serve status', 'srv version']);
    // --pid-file is added in main.go to the command the constructor returns.
    expect(run.flagsOf('srv serve')).toEqual(['--pid-file@cmd/srv/main.go:15', '--port@internal/server/serve.go:7']);
  });

  it('takes a partial command named like an executable of the system as its root', () => {
    const run = loadGo({
      'go.mod': 'module example.com/base\n\ngo 1.22\n',
      'cmd/base/main.go': go`
package main

import "example.com/base/commands"

func main() { commands.Run() }
`,
      'commands/base.go': go`
package commands

import "github.com/spf13/cobra"

var baseCmd = &cobra.Command{Use: "base"}
`,
      'commands/run.go': go`
package commands

func Run() { _ = baseCmd.Execute() }
`,
      'commands/sync.go': go`
package commands

import "github.com/spf13/cobra"

var syncCmd = &cobra.Command{Use: "sync"}

func init() {
	baseCmd.AddCommand(syncCmd)
	syncCmd.Flags().Bool("force", false, "")
}
`,
    });
    expect(run.commands()).toEqual(['base', 'base sync']);
    expect(run.flagsOf('base sync')).toEqual(['--force@commands/sync.go:9']);
  });

  it('stops at cycles (and at any depth) and is deterministic', () => {
    const files: Files = {
      'go.mod': 'module example.com/loop\n\ngo 1.22\n',
      'main.go': go`
package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"example.com/loop/a"
)

func main() {
	app := &cli.App{Name: "loop", Commands: []*cli.Command{a.Command}}
	app.Run(os.Args)
}
`,
      'a/a.go': go`
package a

import "github.com/urfave/cli/v2"

var Command = &cli.Command{Name: "a", Subcommands: []*cli.Command{bCmd, selfCmd}}
`,
      'a/b.go': go`
package a

import "github.com/urfave/cli/v2"

var bCmd = &cli.Command{Name: "b", Subcommands: []*cli.Command{Command}}

var selfCmd = &cli.Command{Name: "self", Subcommands: []*cli.Command{selfCmd}}
`,
    };
    const run = loadGo(files);
    expect(run.commands()).toEqual(['loop', 'loop a', 'loop a b', 'loop a self']);
    // The same input gives the same facts in the same order; the pass itself sorts what it adds.
    const again = loadGo(files);
    const keys = (s: typeof run) => s.system.facts.all('cli-command').map((f) => `${f.key}@${f.origin.file}:${f.origin.start.line}`);
    expect(keys(again)).toEqual(keys(run));
    const linked = linkGoCommands(run.system.facts);
    expect(linked.map((f) => f.key)).toEqual([...linked.map((f) => f.key)].sort());
    // Facts offered in another order link the same.
    expect(linkGoCommands({ all: (kind) => [...run.system.facts.all(kind)].reverse() })).toEqual(linked);
    expect(linked.every((f) => f.meta?.['partial'] === undefined)).toBe(true);
  });
});
