using System.Data.Common;
using System.Text.RegularExpressions;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

/// <summary>A test app that asks SQLite for the plan of every statement reading invoices (or another table), on the app's own connection (its functions registered).</summary>
public class InvoicePlanApp : TestApp
{
    public sealed class PlanRecorder : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _plans = [];
        /// <summary>The quoted table whose statements are explained.</summary>
        public string Table { get; init; } = "\"Invoices\"";
        public bool Recording { get; set; }
        public IReadOnlyList<(string Sql, string Plan)> Plans { get { lock (_plans) return _plans.ToList(); } }
        public void Reset() { lock (_plans) _plans.Clear(); }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Recording && command.CommandText.Contains(Table, StringComparison.Ordinal))
            {
                await using var explain = command.Connection!.CreateCommand();
                explain.Transaction = command.Transaction;
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                foreach (DbParameter p in command.Parameters)
                {
                    var copy = explain.CreateParameter();
                    copy.ParameterName = p.ParameterName;
                    copy.DbType = p.DbType;
                    copy.Value = p.Value;
                    explain.Parameters.Add(copy);
                }
                var lines = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                    while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(3));
                lock (_plans) _plans.Add((command.CommandText, string.Join("\n", lines)));
            }
            return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    public PlanRecorder Recorder { get; }

    public InvoicePlanApp() : this("\"Invoices\"") { }

    protected InvoicePlanApp(string table) => Recorder = new PlanRecorder { Table = table };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Recorder)));
    }
}

/// <summary>
/// The invoice board reads each column as a range of an index: the paid column only the quarter it shows, never
/// every paid invoice of the years (a predicate over several statuses with a date on one of them made SQLite walk
/// them all for the column totals).
/// </summary>
public sealed class InvoiceBoardPlanTests(InvoicePlanApp app) : IClassFixture<InvoicePlanApp>
{
    /// <summary>The invoice tables (EF's aliases i, i0, i1...) a plan reads whole: its SCAN lines, less the subqueries it materialized first (reading those back is a SCAN too).</summary>
    private static List<string> InvoicesScanned(string plan)
    {
        var derived = Regex.Matches(plan, @"(?:MATERIALIZE|CO-ROUTINE) (\S+)").Select(m => m.Groups[1].Value).ToHashSet();
        return Regex.Matches(plan, @"\bSCAN (\S+)").Select(m => m.Groups[1].Value).Where(name => !derived.Contains(name) && Regex.IsMatch(name, @"^i\d*$")).ToList();
    }

    [Fact]
    public async Task BoardAndShowMore_ReadThePaidColumnAsARangeOfIssueDates_AndScanNoInvoices()
    {
        var client = await app.SignedInClientAsync("plans@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "plans@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(3, seed: 5);
        }
        // Years of paid invoices, most of them older than the quarter the board shows.
        var paid = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Paid).Select(i => i.Id).ToListAsync(), userId);
        Assert.NotEmpty(paid);
        await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Paid && i.Id != paid[0])
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.IssueDate, i => i.IssueDate.AddYears(-2))), userId);
        // The planner's statistics, as the app refreshes them at start-up and every night.
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });

        foreach (var url in new[] { "/invoices", "/invoices?showVoid=true", "/invoices/column?status=Paid&skip=20", "/invoices/column?status=Draft&skip=20" })
        {
            app.Recorder.Reset();
            app.Recorder.Recording = true;
            await client.GetPageAsync(url);
            app.Recorder.Recording = false;
            var plans = app.Recorder.Plans;
            Assert.NotEmpty(plans);
            foreach (var (sql, plan) in plans)
            {
                Assert.True(InvoicesScanned(plan).Count == 0, $"{url} reads every invoice:\n{plan}\n{sql}");
                // Every read of the invoices is bounded by a status.
                foreach (var line in plan.Split('\n').Where(l => Regex.IsMatch(l, @"\bSEARCH i\d* ")))
                    Assert.True(line.Contains("Status=?", StringComparison.Ordinal), $"{url}: {line}\n{sql}");
            }
            // The paid column (totals, cards, "show more") is a range of issue dates within the paid status.
            if (!url.Contains("Draft", StringComparison.Ordinal))
                Assert.Contains(plans, p => p.Plan.Contains("Status=? AND IssueDate>?", StringComparison.Ordinal));
            if (!url.StartsWith("/invoices/column", StringComparison.Ordinal))
            {
                var totals = plans.Single(p => p.Sql.Contains("GROUP BY", StringComparison.Ordinal));
                Assert.Contains("Status=? AND IssueDate>?", totals.Plan);
                // Summed from an index alone: no invoice row is read for the column totals.
                Assert.DoesNotContain(" USING INDEX ", totals.Plan);
                Assert.Contains(" USING COVERING INDEX ", totals.Plan);
            }
        }
    }
}
