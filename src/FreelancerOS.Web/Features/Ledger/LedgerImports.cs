using System.Text.Json;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The CSV import's use cases: keep an upload, start its import as a Hangfire job, read its progress.</summary>
public sealed class LedgerImports(AppDbContext db, TimeProvider clock, IBackgroundJobClient jobs)
{
    public async Task<Guid> UploadAsync(string fileName, byte[] content)
    {
        var import = new LedgerImport
        {
            Token = Guid.NewGuid(),
            FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 255 } n ? n : "upload.csv",
            Content = content,
            Status = ImportStatus.Pending,
        };
        db.LedgerImports.Add(import);
        await db.SaveChangesAsync();
        return import.Token;
    }

    /// <summary>The upload of a not yet started import of the signed-in user; null when there is none (gone, or another account's).</summary>
    public Task<byte[]?> ContentAsync(Guid token) =>
        db.LedgerImports.AsNoTracking().Where(i => i.Token == token && i.Status == ImportStatus.Pending)
            .Select(i => i.Content).SingleOrDefaultAsync();

    /// <summary>Queues the import once (a second click changes nothing) and enqueues the job that runs it.</summary>
    public async Task StartAsync(Guid token, ImportMapping mapping, int total)
    {
        var id = await db.LedgerImports.Where(i => i.Token == token).Select(i => i.Id).SingleAsync();
        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(mapping);
        var queued = await db.LedgerImports.Where(i => i.Id == id && i.Status == ImportStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Queued)
                .SetProperty(i => i.Mapping, json)
                .SetProperty(i => i.Total, total)
                .SetProperty(i => i.HeartbeatAt, now));
        if (queued == 1) jobs.Enqueue<LedgerImportJob>(j => j.RunAsync(id, CancellationToken.None));
    }

    public Task<ImportProgress?> ProgressAsync(Guid token) =>
        db.LedgerImports.AsNoTracking().Where(i => i.Token == token && i.Status != ImportStatus.Pending)
            .Select(i => new ImportProgress(i.Token, i.Status, i.Total, i.Done, i.Imported, i.Skipped, i.Error))
            .SingleOrDefaultAsync();

    /// <summary>Marks the rows of <paramref name="result"/> that are already in the ledger (same date, amount and description).</summary>
    public static async Task FlagDuplicatesAsync(AppDbContext db, ParseResult result, CancellationToken ct = default)
    {
        var dated = result.Rows.Where(r => r.Date is not null).ToList();
        if (dated.Count == 0) return;
        var from = dated.Min(r => r.Date!.Value);
        var to = dated.Max(r => r.Date!.Value);
        var existing = (await db.LedgerEntries.AsNoTracking().Where(e => e.Date >= from && e.Date <= to)
                .Select(e => new { e.Date, e.Amount, e.Description }).ToListAsync(ct))
            .Select(e => LedgerCsv.DuplicateKey(e.Date, e.Amount, e.Description)).ToHashSet();
        foreach (var row in dated)
            row.Duplicate = existing.Contains(LedgerCsv.DuplicateKey(row.Date!.Value, row.Amount, row.Description));
    }
}

/// <summary>
/// Runs one import on whichever instance's Hangfire worker takes it. Every row is written in one
/// transaction, together with the import's final status, so a crash leaves the ledger without any row
/// of it; the progress is written beside it (its own connection) for any instance to show.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class LedgerImportJob(AppDbContext db, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes, ILogger<LedgerImportJob> log)
{
    private const int BatchSize = 200;

    public async Task RunAsync(int importId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Claimed by one worker only; a job delivered again after a crash finds it no longer queued.
        var claimed = await db.LedgerImports.IgnoreQueryFilters().Where(i => i.Id == importId && i.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Running).SetProperty(i => i.HeartbeatAt, now), ct);
        if (claimed == 0) return;
        try
        {
            await ImportAsync(importId, ct);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Import {ImportId} failed; nothing of it was saved", importId);
            var message = e is OperationCanceledException
                ? "The app stopped during the import, so nothing was imported. Upload the file again."
                : "The import failed and nothing was imported: " + e.Message;
            await FailAsync(importId, message);
        }
    }

    private async Task ImportAsync(int importId, CancellationToken ct)
    {
        var import = await db.LedgerImports.IgnoreQueryFilters().AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { i.OwnerId, i.Content, i.Mapping }).SingleAsync(ct);
        user.ActAs(import.OwnerId);
        var home = (await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings()).HomeCurrency;
        var mapping = JsonSerializer.Deserialize<ImportMapping>(import.Mapping!)!;
        var result = LedgerCsv.Parse(import.Content!, mapping, home);
        if (result.HasErrors) throw new InvalidOperationException(result.AllErrors.First());
        await LedgerImports.FlagDuplicatesAsync(db, result, ct);

        // SQLite has one writer at a time: the progress cannot be written while the import's transaction is open there.
        var reportProgress = !db.Database.IsSqlite();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var categories = await db.LedgerCategories.ToListAsync(ct);
        var modes = await db.PaymentModes.ToListAsync(ct);
        int imported = 0, skipped = 0, done = 0, batch = 0;
        foreach (var row in result.Rows)
        {
            done++;
            if (row.Duplicate) { skipped++; continue; }
            LedgerEntry entry = row.Kind == LedgerKind.Expense ? new Expense { Vendor = row.Vendor } : new Income();
            entry.Record(row.Date!.Value, row.Amount, row.Currency, row.Rate, home);
            entry.Description = row.Description;
            if (row.Category is { } cn)
            {
                var category = categories.FirstOrDefault(c => c.Kind == row.Kind && c.Name.Equals(cn, StringComparison.OrdinalIgnoreCase));
                if (category is null) { category = new LedgerCategory(row.Kind, cn); db.LedgerCategories.Add(category); categories.Add(category); }
                entry.Category = category;
            }
            if (row.PaymentMode is { } mn)
            {
                var mode = modes.FirstOrDefault(m => m.Name.Equals(mn, StringComparison.OrdinalIgnoreCase));
                if (mode is null) { mode = new PaymentMode { Name = mn }; db.PaymentModes.Add(mode); modes.Add(mode); }
                entry.PaymentMode = mode;
            }
            db.LedgerEntries.Add(entry);
            imported++;
            if (++batch == BatchSize)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                categories = await db.LedgerCategories.ToListAsync(ct);
                modes = await db.PaymentModes.ToListAsync(ct);
                batch = 0;
                if (reportProgress) await ProgressAsync(importId, done, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        var finished = clock.GetUtcNow();
        await db.LedgerImports.IgnoreQueryFilters().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, ImportStatus.Succeeded)
            .SetProperty(i => i.Done, result.Rows.Count)
            .SetProperty(i => i.Imported, imported)
            .SetProperty(i => i.Skipped, skipped)
            .SetProperty(i => i.FinishedAt, finished)
            .SetProperty(i => i.HeartbeatAt, finished)
            .SetProperty(i => i.Content, (byte[]?)null), ct);
        await tx.CommitAsync(ct);
    }

    private async Task ProgressAsync(int importId, int done, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await other.LedgerImports.IgnoreQueryFilters().Where(i => i.Id == importId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Done, done).SetProperty(i => i.HeartbeatAt, now), ct);
    }

    private async Task FailAsync(int importId, string message)
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var error = LedgerImport.ShortError(message);
        await other.LedgerImports.IgnoreQueryFilters().Where(i => i.Id == importId && i.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Failed)
                .SetProperty(i => i.Error, error)
                .SetProperty(i => i.FinishedAt, now)
                .SetProperty(i => i.Content, (byte[]?)null));
    }
}

/// <summary>
/// Housekeeping of imports, at start-up and every few minutes: uploads never imported go after a day;
/// an import whose process died is marked failed (nothing of it was saved: it writes in one
/// transaction); finished imports are forgotten after a week.
/// </summary>
public sealed class LedgerImportSweep(AppDbContext db, TimeProvider clock, ILogger<LedgerImportSweep> log)
{
    public const string RecurringId = "ledger-import-sweep";
    public const string Cron = "*/5 * * * *";
    public const string InterruptedMessage = "The app stopped during this import, so nothing of it was imported. Upload the file again.";

    /// <summary>
    /// <paramref name="startingUp"/> on SQLite: the database belongs to this one process, so an import still
    /// running is one the previous process left. On a server database another instance may be running it:
    /// only an import silent for <see cref="LedgerImport.Silence"/> is given up.
    /// </summary>
    public async Task SweepAsync(bool startingUp)
    {
        var now = clock.GetUtcNow();
        // SQLite: no other process runs imports, and a long import cannot write its heartbeat (one writer at a time).
        var sqlite = db.Database.IsSqlite();
        var open = await db.LedgerImports.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.Status != ImportStatus.Succeeded && i.Status != ImportStatus.Failed)
            .Select(i => new { i.Id, i.Status, i.CreatedAt, i.HeartbeatAt }).ToListAsync();
        var dead = open.Where(i => (i.Status == ImportStatus.Running && sqlite) ? startingUp : LedgerImport.Abandoned(i.Status, i.CreatedAt, i.HeartbeatAt, now))
            .Select(i => i.Id).ToList();
        var unused = open.Where(i => i.Status == ImportStatus.Pending && now - i.CreatedAt > LedgerImport.KeepUnused).Select(i => i.Id).ToList();

        if (dead.Count > 0)
        {
            var failed = await db.LedgerImports.IgnoreQueryFilters()
                .Where(i => dead.Contains(i.Id) && (i.Status == ImportStatus.Running || i.Status == ImportStatus.Queued))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Error, InterruptedMessage)
                    .SetProperty(i => i.FinishedAt, now)
                    .SetProperty(i => i.Content, (byte[]?)null));
            log.LogWarning("{Count} interrupted imports were marked failed", failed);
        }
        if (unused.Count > 0)
            await db.LedgerImports.IgnoreQueryFilters().Where(i => unused.Contains(i.Id) && i.Status == ImportStatus.Pending).ExecuteDeleteAsync();

        var finished = await db.LedgerImports.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.Status == ImportStatus.Succeeded || i.Status == ImportStatus.Failed)
            .Select(i => new { i.Id, i.FinishedAt, i.CreatedAt }).ToListAsync();
        var old = finished.Where(i => now - (i.FinishedAt ?? i.CreatedAt) > LedgerImport.KeepFinished).Select(i => i.Id).ToList();
        if (old.Count > 0) await db.LedgerImports.IgnoreQueryFilters().Where(i => old.Contains(i.Id)).ExecuteDeleteAsync();
    }
}
