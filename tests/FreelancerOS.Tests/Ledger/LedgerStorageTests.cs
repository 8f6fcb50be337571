using System.Net;
using System.Text;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>What the ledger keeps at rest: receipts and uploads in the database, nothing left behind on disk.</summary>
public sealed class LedgerStorageTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task ReceiptFilesOfAnEarlierVersion_MoveIntoTheDatabase_AndOrphanFilesAreDeleted()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var withFile = await CreateEntryAsync(app, client, "expense", "Old hotel", "80");
        var missing = await CreateEntryAsync(app, client, "expense", "Lost taxi", "20");
        var folder = Path.Combine(app.DataFolder, "receipts", userId);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.pdf"), Pdf);
        await File.WriteAllBytesAsync(Path.Combine(folder, "orphan.png"), [0x89, 0x50]);
        await app.WithDbAsync(async db =>
        {
            await db.Expenses.Where(e => e.Id == withFile).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ReceiptPath, Path.Combine("receipts", userId, "a.pdf"))
                .SetProperty(e => e.ReceiptFileName, "hotel.pdf").SetProperty(e => e.ReceiptContentType, "application/pdf"));
            return await db.Expenses.Where(e => e.Id == missing).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ReceiptPath, Path.Combine("receipts", userId, "gone.pdf"))
                .SetProperty(e => e.ReceiptFileName, "gone.pdf").SetProperty(e => e.ReceiptContentType, "application/pdf"));
        }, userId);

        await app.WithDbAsync(async db => { await ReceiptFiles.MoveIntoDatabaseAsync(db, app.DataFolder, NullLogger.Instance, default); return 0; });

        var download = await client.Http.GetAsync($"/ledger/receipt/{withFile}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/ledger/receipt/{missing}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "receipts")), "Files were left in data/receipts.");
        var expenses = await app.WithDbAsync(db => db.Expenses.Where(e => e.Id == withFile || e.Id == missing).ToListAsync(), userId);
        Assert.All(expenses, e => Assert.Null(e.ReceiptPath));
        Assert.Null(expenses.Single(e => e.Id == missing).ReceiptFileName);
        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/ledger/receipt/{withFile}")).StatusCode);
    }

    [Fact]
    public async Task UploadNeverImported_IsDeletedAfterADay_AndAnInterruptedImportIsMarkedFailed()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var page = await client.GetPageAsync("/ledger/import");
        var upload = await client.Http.PostAsync("/ledger/import", new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Date,Description,Amount\n2026-01-02,Coffee,-3.50\n")), "file", "statement.csv" },
        });
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(ImportStatus.Pending, await app.WithDbAsync(db => db.LedgerImports.Select(i => i.Status).SingleAsync(), userId));
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "imports")), "The upload was written to the data folder.");
        // An import another process left running (the process died, so it never wrote again).
        var interrupted = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.LedgerImports.Add(new LedgerImport { Token = interrupted, FileName = "big.csv", Status = ImportStatus.Running, Total = 10,
                CreatedAt = app.Clock.GetUtcNow(), HeartbeatAt = app.Clock.GetUtcNow(), Content = [1, 2, 3] });
            return db.SaveChangesAsync();
        }, userId);

        async Task SweepAsync(bool startingUp)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await ActivatorUtilities.CreateInstance<LedgerImportSweep>(scope.ServiceProvider).SweepAsync(startingUp);
        }

        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await SweepAsync(startingUp: false);
        // Under a day: the upload stays; on SQLite a running import is only given up when the app starts again.
        Assert.Equal(2, await app.WithDbAsync(db => db.LedgerImports.CountAsync(), userId));

        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 9, 1, 0, TimeSpan.Zero));
        await SweepAsync(startingUp: true);
        var left = Assert.Single(await app.WithDbAsync(db => db.LedgerImports.ToListAsync(), userId));
        Assert.Equal(interrupted, left.Token);
        Assert.Equal(ImportStatus.Failed, left.Status);
        Assert.Null(left.Content);
        var status = await client.GetPageAsync($"/ledger/importstatus/{interrupted}");
        Assert.Equal("failed", status.QuerySelector("#import-progress")!.GetAttribute("data-state"));
        Assert.Contains("nothing of it was imported", Text(status, "#import-progress"));
        // Another account's import is not found.
        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/ledger/importstatus/{interrupted}")).StatusCode);
    }
}
