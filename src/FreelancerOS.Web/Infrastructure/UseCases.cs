using FreelancerOS.Web.Data;

namespace FreelancerOS.Web.Infrastructure;

public static class UseCases
{
    /// <summary>
    /// Runs one use case's write in one transaction. When it fails (a refused rule, a lost race, a stale
    /// version) the transaction rolls back and the changes it left on tracked entities are discarded too:
    /// the caller goes on (a form shown again, the next schedule of a job) with a context that matches
    /// what is stored, and no later SaveChanges can write half of the refused change.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> write, CancellationToken ct = default)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await write();
            await tx.CommitAsync(ct);
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public static Task InTransactionAsync(this AppDbContext db, Func<Task> write, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            await write();
            return true;
        }, ct);
}
