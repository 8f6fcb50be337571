using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Projects;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The project figures the board, the list and the project page sum for the shown projects only (subqueries and one
/// grouped pass) equal a full recomputation in memory from every entry and invoice line, on demo data and again
/// after random changes to hours, billability, pricing and deleted entries.
/// </summary>
public sealed class ProjectFiguresQueryTests(TestApp app) : IClassFixture<TestApp>
{
    private sealed record Expected(decimal Hours, decimal OpenHours, decimal OpenValue, decimal Invoiced);

    [Fact]
    public async Task ShownProjectsFigures_EqualAFullRecomputation_AfterRandomChanges()
    {
        await app.SignedInClientAsync("figures@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "figures@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2, seed: 11);
        }
        var random = new Random(5);
        for (var round = 0; round < 4; round++)
        {
            await AssertFiguresAsync(userId);
            await app.WithDbAsync(db => ChangeAsync(db, random), userId);
        }
        await AssertFiguresAsync(userId);
    }

    private static async Task<int> ChangeAsync(AppDbContext db, Random random)
    {
        var entries = await db.TimeEntries.OrderBy(t => t.Id).ToListAsync();
        var projects = await db.Projects.OrderBy(p => p.Id).ToListAsync();
        for (var i = 0; i < 12; i++)
        {
            var entry = entries[random.Next(entries.Count)];
            switch (random.Next(4))
            {
                case 0 when entry.InvoiceId is null: entry.SetHours(random.Next(1, 40) * 0.25m); break;
                case 1: entry.Billable = !entry.Billable; break;
                case 2 when entry.InvoiceId is null: db.TimeEntries.Remove(entry); entries.Remove(entry); break;
                default:
                    var project = projects[random.Next(projects.Count)];
                    project.Pricing = project.Pricing == ProjectPricing.FixedPrice ? ProjectPricing.Hourly : ProjectPricing.FixedPrice;
                    break;
            }
        }
        return await db.SaveChangesAsync();
    }

    private async Task AssertFiguresAsync(string userId)
    {
        var expected = await app.WithDbAsync(RecomputeAsync, userId);
        Assert.NotEmpty(expected);
        Assert.Contains(expected.Values, e => e.Hours > 0);
        Assert.Contains(expected.Values, e => e.Invoiced > 0);
        var ids = expected.Keys.ToList();

        var hours = await app.WithDbAsync(db => ProjectFigures.HoursAsync(db, ids), userId);
        var invoiced = await app.WithDbAsync(db => ProjectInvoicing.InvoicedAmountsAsync(db, ids), userId);
        var shown = await app.WithDbAsync(db => db.Projects.AsNoTracking().WithFigures(db).ToListAsync(), userId);
        Assert.Equal(ids.Count, shown.Count);
        foreach (var (id, e) in expected)
        {
            var h = hours.GetValueOrDefault(id) ?? new ProjectHours(id, 0, 0, 0);
            Assert.Equal((e.Hours, e.OpenHours, e.OpenValue), (h.Hours, h.UnbilledHours, h.UnbilledValue));
            Assert.Equal(e.Invoiced, invoiced.GetValueOrDefault(id));
            var row = shown.Single(r => r.Project.Id == id);
            Assert.Equal((e.Hours, e.Invoiced), (row.Hours, row.Invoiced));
            Assert.Equal(row.Project.CompletionPercent(e.Hours, e.Invoiced), row.CompletionPercent);
        }
        foreach (var id in ids.Take(25))
        {
            var (one, oneInvoiced, count) = await app.WithDbAsync(db => ProjectFigures.OfProjectAsync(db, id), userId);
            var e = expected[id];
            Assert.Equal((e.Hours, e.OpenHours, e.OpenValue, e.Invoiced), (one.Hours, one.UnbilledHours, one.UnbilledValue, oneInvoiced));
            Assert.Equal(await app.WithDbAsync(db => db.TimeEntries.CountAsync(t => t.ProjectId == id), userId), count);
        }

        var board = await app.WithDbAsync(db => ProjectBoardQueries.LoadBoardAsync(db, focus: null), userId);
        var projects = await app.WithDbAsync(db => db.Projects.AsNoTracking().ToListAsync(), userId);
        Assert.Equal(projects.Count(p => p.Status == WorkStatus.Completed), board.Completed);
        foreach (var column in board.Columns)
        {
            Assert.Equal(projects.Count(p => p.Status != WorkStatus.Completed && p.Priority == column.Priority), column.Count);
            foreach (var card in column.Cards)
                Assert.Equal(projects.Single(p => p.Id == card.Id).CompletionPercent(expected[card.Id].Hours, expected[card.Id].Invoiced), card.CompletionPercent);
        }
        var list = await app.WithDbAsync(db => ProjectBoardQueries.ListAsync(db, null, null, null, "name", "asc", 25, 2), userId);
        Assert.Equal(projects.Count, list.Total);
        // A page past the end shows the last page.
        Assert.Equal(Math.Min(2, (projects.Count + 24) / 25), list.Page);
        Assert.Equal(projects.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).Skip((list.Page - 1) * 25).Take(25).Select(p => p.Id),
            list.Items.Select(r => r.Id));
        foreach (var row in list.Items)
            Assert.Equal(projects.Single(p => p.Id == row.Id).CompletionPercent(expected[row.Id].Hours, expected[row.Id].Invoiced), row.CompletionPercent);
    }

    /// <summary>Every project's figures from every entry and line, summed in memory by the rules of ProjectFigures and ProjectInvoicing.</summary>
    private static async Task<Dictionary<int, Expected>> RecomputeAsync(AppDbContext db)
    {
        var projects = await db.Projects.AsNoTracking().Include(p => p.Client).ToListAsync();
        var entries = await db.TimeEntries.AsNoTracking().ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).ToListAsync();
        return projects.ToDictionary(p => p.Id, p =>
        {
            var mine = entries.Where(t => t.ProjectId == p.Id).ToList();
            var open = p.Pricing == ProjectPricing.FixedPrice ? [] : mine.Where(t => t.Billable && t.InvoiceId == null).ToList();
            var invoiced = invoices.Where(i => InvoiceStatuses.Invoiced.Contains(i.Status) && i.Currency == p.Client!.Currency)
                .SelectMany(i => i.Lines).Where(l => l.ProjectId == p.Id && l.SourceKind != InvoiceLineSourceKind.Expense).Sum(l => l.Amount);
            return new Expected(mine.Sum(t => t.Hours), open.Sum(t => t.Hours), open.Sum(t => t.Amount), invoiced);
        });
    }
}
