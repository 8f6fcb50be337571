using FreelancerOS.Tests.Ledger;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// The start-up fill of every kept figure, asked of the database in one statement (each keeper's SQL condition): a
/// database whose kept figures are missing gets them all back, equal to what the writes had kept, and one whose figures
/// are there is left alone. On SQLite and PostgreSQL, as the condition is SQL the provider must accept.
/// </summary>
public abstract class KeptFiguresFillTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private async Task<string[]> SnapshotAsync(string userId) => await app.WithDbAsync(async db =>
    {
        var ledger = await db.LedgerMonthTotals.AsNoTracking().Select(t => $"L {t.Period} {t.Kind} {t.PaymentModeId} {t.CategoryId} {t.Currency} {t.Count} {t.HomeAmountMinor} {t.AmountMinor}").ToListAsync();
        var modes = await db.LedgerModeTotals.AsNoTracking().Select(t => $"M {t.Kind} {t.PaymentModeId} {t.Count} {t.HomeAmountMinor}").ToListAsync();
        var series = await db.ExpenseSeriesMonths.AsNoTracking().Select(t => $"S {t.Period} {t.CategoryId} {t.Description} '{t.Vendor}' {t.Count} {t.HomeAmountMinor} {t.LastDate}").ToListAsync();
        var hours = await db.ProjectMonthHours.AsNoTracking().Select(t => $"H {t.ProjectId} {t.Period} {t.Count} {t.HourUnits}").ToListAsync();
        var projects = await db.Projects.AsNoTracking().Select(p => $"P {p.Id} {p.LoggedHours} {p.InvoicedAmount}").ToListAsync();
        var dashboard = await db.DashboardTotals.AsNoTracking().Select(t => $"D {t.Figure} {t.Currency} {t.Hours} {t.Value} {t.Count}").ToListAsync();
        return ledger.Concat(modes).Concat(series).Concat(hours).Concat(projects).Concat(dashboard).Order(StringComparer.Ordinal).ToArray();
    }, userId);

    [Fact]
    public async Task EveryMissingKeptFigure_IsFilledAtStartUp_AndPresentOnesAreLeftAlone()
    {
        var client = await app.SignedInClientAsync();
        var userId = await LedgerTestHelpers.UserIdAsync(app, client);
        var acme = await Work.ClientAsync(client, "Fill Ltd");
        await Work.LogAsync(client, await Work.ProjectAsync(client, acme, "Filled"), "2.5");
        await LedgerTestHelpers.CreateEntryAsync(app, client, "income", "Fill fee", "410.20", "2026-10-03");
        await LedgerTestHelpers.CreateEntryAsync(app, client, "expense", "Fill tools", "19.99", "2026-11-04");
        var kept = await SnapshotAsync(userId);
        Assert.Contains(kept, l => l.StartsWith("L ", StringComparison.Ordinal));
        Assert.Contains(kept, l => l.StartsWith("M ", StringComparison.Ordinal));
        Assert.Contains(kept, l => l.StartsWith("S ", StringComparison.Ordinal));
        Assert.Contains(kept, l => l.StartsWith("H ", StringComparison.Ordinal));
        Assert.Contains(kept, l => l.StartsWith("D ", StringComparison.Ordinal));

        // Up to date: nothing to fill, nothing changes.
        await app.WithDbAsync(async db => { await KeptFigures.FillIfMissingAsync(db); return 0; });
        Assert.Equal(kept, await SnapshotAsync(userId));

        // As after the upgrades that added them: no kept rows, projects without figures; the start-up fill puts them back.
        await app.WithDbAsync(async db =>
        {
            await db.LedgerMonthTotals.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.LedgerModeTotals.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.ExpenseSeriesMonths.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.ProjectMonthHours.IgnoreQueryFilters().ExecuteDeleteAsync();
            await db.DashboardTotals.IgnoreQueryFilters().ExecuteDeleteAsync();
            return await db.Projects.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(p => p.LoggedHours, (decimal?)null).SetProperty(p => p.InvoicedAmount, (decimal?)null));
        });
        Assert.DoesNotContain(await SnapshotAsync(userId), l => l[0] is 'L' or 'M' or 'S' or 'H' or 'D');
        await app.WithDbAsync(async db => { await KeptFigures.FillIfMissingAsync(db); return 0; });
        Assert.Equal(kept, await SnapshotAsync(userId));
    }
}

public sealed class KeptFiguresFillTests(TestApp app) : KeptFiguresFillTestsBase<TestApp>(app), IClassFixture<TestApp>;

public sealed class PostgresKeptFiguresFillTests(PostgresTestApp app) : KeptFiguresFillTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>;
