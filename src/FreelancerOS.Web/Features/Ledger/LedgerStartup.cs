using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>
/// What the ledger does when the app starts: receipts still stored as files (before they moved into the
/// database) are moved in and orphan files deleted, the uploads folder of the old in-process import is
/// removed, interrupted imports are marked failed, and the import sweep is scheduled.
/// </summary>
public sealed class LedgerStartup(IConfiguration config, IWebHostEnvironment env) : IJobSchedule
{
    public async Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct)
    {
        var dataFolder = Database.DataFolder(config, env);
        await using (var scope = services.CreateAsyncScope())
        {
            await ReceiptFiles.MoveIntoDatabaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), dataFolder,
                scope.ServiceProvider.GetRequiredService<ILogger<LedgerStartup>>(), ct);
            await ActivatorUtilities.CreateInstance<LedgerImportSweep>(scope.ServiceProvider).SweepAsync(startingUp: true);
        }
        var legacyUploads = Path.Combine(dataFolder, "imports");
        if (Directory.Exists(legacyUploads)) Directory.Delete(legacyUploads, recursive: true);
        recurring.AddOrUpdate<LedgerImportSweep>(LedgerImportSweep.RecurringId, s => s.SweepAsync(false), LedgerImportSweep.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}

public static class ReceiptFiles
{
    /// <summary>
    /// Moves each receipt file an expense points to into the Receipts table (the row and the cleared
    /// path in one transaction), then deletes every file left under data/receipts that no expense points
    /// to. Safe to run on several instances at once: an expense already moved is skipped.
    /// </summary>
    public static async Task MoveIntoDatabaseAsync(AppDbContext db, string dataFolder, ILogger log, CancellationToken ct)
    {
        var folder = Path.Combine(dataFolder, "receipts");
        if (!Directory.Exists(folder)) return;
        var pending = await db.Expenses.IgnoreQueryFilters().AsNoTracking().Where(e => e.ReceiptPath != null)
            .Select(e => new { e.Id, e.ReceiptPath }).ToListAsync(ct);
        foreach (var expense in pending)
        {
            var path = Path.GetFullPath(Path.Combine(dataFolder, expense.ReceiptPath!));
            var exists = path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var cleared = await db.Expenses.IgnoreQueryFilters().Where(e => e.Id == expense.Id && e.ReceiptPath == expense.ReceiptPath)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.ReceiptPath, (string?)null)
                    .SetProperty(e => e.ReceiptFileName, e => exists ? e.ReceiptFileName : null)
                    .SetProperty(e => e.ReceiptContentType, e => exists ? e.ReceiptContentType : null), ct);
            if (cleared == 0) continue;
            if (exists)
            {
                db.Receipts.Add(new StoredReceipt { ExpenseId = expense.Id, Content = await File.ReadAllBytesAsync(path, ct) });
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            else log.LogWarning("The receipt file of expense {ExpenseId} is missing; the expense now has no receipt", expense.Id);
            await tx.CommitAsync(ct);
        }

        var stillReferenced = (await db.Expenses.IgnoreQueryFilters().AsNoTracking().Where(e => e.ReceiptPath != null)
            .Select(e => e.ReceiptPath!).ToListAsync(ct)).Select(p => Path.GetFullPath(Path.Combine(dataFolder, p))).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList())
            if (!stillReferenced.Contains(file)) File.Delete(file);
        foreach (var dir in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
            if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }
}
