using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Tests.Invoices;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Scaling;

/// <summary>One app instance on a given PostgreSQL database; several of them make a server set-up with several instances.</summary>
public sealed class PostgresInstance(string connectionString) : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
    }

    /// <summary>A client of this instance whose cookies live in <paramref name="jar"/>, as one browser's cookies reach every instance behind a proxy.</summary>
    public AppClient ClientWith(System.Net.CookieContainer jar) => new(CreateDefaultClient(new CookieContainerHandler(jar)));
}

public sealed class TwoInstancesPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private PostgresInstance _first = null!;
    private PostgresInstance _second = null!;

    public Task InitializeAsync()
    {
        _first = new PostgresInstance(database.ConnectionString);
        _ = _first.Server; // migrates the database and installs Hangfire's schema before the second starts
        _second = new PostgresInstance(database.ConnectionString);
        _ = _second.Server;
        var now = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        _first.Clock.Set(now);
        _second.Clock.Set(now);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task SignInReceiptAndImport_StartedOnOneInstance_AreSeenOnTheOther()
    {
        var jar = new CookieContainer();
        var onFirst = _first.ClientWith(jar);
        var onSecond = _second.ClientWith(jar);
        await onFirst.RegisterAsync($"owner-{Guid.NewGuid():N}@example.com");

        // The sign-in cookie of the first instance is valid on the second (keys shared in the database).
        var ledger = await onSecond.GetPageAsync("/ledger");
        Assert.NotNull(ledger.QuerySelector("form[action='/account/logout']"));

        // A receipt uploaded on the first downloads from the second.
        var form = await onFirst.GetPageAsync("/ledger/create?kind=expense");
        var multipart = new MultipartFormDataContent();
        var values = new Dictionary<string, string> { ["Description"] = "Hotel", ["Amount"] = "120", ["Date"] = "2026-11-04" };
        foreach (var (key, value) in AppClient.FormFields((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#entry-form")!).Where(f => !values.ContainsKey(f.Key)))
            multipart.Add(new StringContent(value), key);
        foreach (var (key, value) in values) multipart.Add(new StringContent(value), key);
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        multipart.Add(file, "Receipt", "hotel.pdf");
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.Http.PostAsync("/ledger/create", multipart)).StatusCode);
        var userId = await _first.WithDbAsync(db => db.Users.Where(u => u.Email == onFirst.Email).Select(u => u.Id).SingleAsync());
        var expenseId = await _first.WithDbAsync(db => db.Expenses.Where(e => e.Description == "Hotel").Select(e => e.Id).SingleAsync(), userId);
        var download = await onSecond.Http.GetAsync($"/ledger/receipt/{expenseId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        // An import started on the first shows its progress, then its result, on the second.
        const int rows = 3000;
        var csv = new StringBuilder("Date,Description,Amount\n");
        for (var i = 1; i <= rows; i++)
            csv.Append(new DateOnly(2025, 1, 1).AddDays(i % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",Row ").Append(i).Append(',').Append(i).Append(".25\n");
        var page = await onFirst.GetPageAsync("/ledger/import");
        var upload = await onFirst.Http.PostAsync("/ledger/import", new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "statement.csv" },
        });
        var preview = await AppClient.ParseAsync(await onFirst.SubmitAsync(await AppClient.ParseAsync(upload), "#import-map"));
        Assert.Equal("0", Text(preview, "[data-role=errors]"));
        var run = await onFirst.SubmitAsync(preview, "#import-run");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var status = run.Headers.Location!.OriginalString;

        var seenRunning = false;
        AngleSharp.Dom.IDocument? last = null;
        for (var i = 0; i < 600; i++)
        {
            last = await onSecond.GetPageAsync(status);
            if (last.QuerySelector("#import-progress")!.GetAttribute("data-state") != "running") break;
            seenRunning = true;
            Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), Text(last, "[data-role=total]"));
            await Task.Delay(50);
        }
        Assert.True(seenRunning, "The second instance never showed the import in progress.");
        Assert.Equal("done", last!.QuerySelector("#import-progress")!.GetAttribute("data-state"));
        Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), Text(last, "[data-role=imported]"));
        Assert.Equal(rows, await _second.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Description.StartsWith("Row ")), userId));
        // The upload is not kept once imported.
        Assert.Null(await _second.WithDbAsync(db => db.LedgerImports.Select(x => x.Content).SingleAsync(), userId));
    }

    [Fact]
    public async Task OverdueJob_RunOnBothInstancesAtOnce_Marks200InvoicesOnceEach()
    {
        var owner = _first.ClientWith(new CookieContainer());
        await owner.RegisterAsync($"late-{Guid.NewGuid():N}@example.com");
        var clientId = await InvoiceSteps.CreateClientAsync(owner, "Slow Payer");
        var userId = await _first.WithDbAsync(db => db.Users.Where(u => u.Email == owner.Email).Select(u => u.Id).SingleAsync());
        var now = _first.Clock.GetUtcNow();
        await _first.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            for (var i = 1; i <= 200; i++)
            {
                var invoice = Invoice.CreateDraft(client, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15), null, null, now);
                invoice.AddFreeLine("Work", 1, 100);
                invoice.Issue($"LATE-{i:000}", 2026, i, now);
                db.Invoices.Add(invoice);
            }
            return await db.SaveChangesAsync();
        }, userId);

        // Both instances run the job at the same moment (as their start-up runs or two hourly triggers could).
        var later = new DateTimeOffset(2026, 11, 23, 0, 5, 0, TimeSpan.Zero);
        _first.Clock.Set(later);
        _second.Clock.Set(later);
        static async Task<int> RunOn(PostgresInstance instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<MarkOverdueJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }
        var marked = await Task.WhenAll(RunOn(_first), RunOn(_second));
        Assert.Equal(200, marked.Sum());

        var history = await _second.WithDbAsync(db => db.InvoiceStatusChanges.IgnoreQueryFilters()
            .Where(h => h.To == InvoiceStatus.Overdue).Select(h => new { h.InvoiceId, h.From }).ToListAsync());
        var invoices = await _second.WithDbAsync(db => db.Invoices.Where(i => i.Number!.StartsWith("LATE-")).Select(i => new { i.Id, i.Status }).ToListAsync(), userId);
        Assert.Equal(200, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Overdue, i.Status));
        Assert.All(invoices, i => Assert.Single(history, h => h.InvoiceId == i.Id));
        Assert.All(history, h => Assert.Equal(InvoiceStatus.Sent, h.From));

        // And once more through Hangfire, enqueued on each instance: still one entry per invoice.
        string[] jobs =
        [
            _first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<MarkOverdueJob>(j => j.RunAsync(CancellationToken.None)),
            _second.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<MarkOverdueJob>(j => j.RunAsync(CancellationToken.None)),
        ];
        var storage = _first.Services.GetRequiredService<JobStorage>();
        bool Succeeded(string id) { using var c = storage.GetConnection(); return c.GetStateData(id)?.Name == "Succeeded"; }
        for (var i = 0; i < 300 && !jobs.All(Succeeded); i++) await Task.Delay(100);
        Assert.All(jobs, id => Assert.True(Succeeded(id), $"Job {id} did not succeed."));
        Assert.Equal(200, await _first.WithDbAsync(db => db.InvoiceStatusChanges.IgnoreQueryFilters().CountAsync(h => h.To == InvoiceStatus.Overdue)));
    }
}
