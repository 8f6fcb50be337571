using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Projects;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The project page reads its figures from the project it has already read (its pricing, its kept invoiced amount) and
/// one compiled grouped read of its entries: they equal the figures summed from every entry and counted invoice line
/// (<see cref="ProjectFigures.OfProjectAsync(FreelancerOS.Web.Data.AppDbContext, int)"/>, itself proved against a full
/// recomputation), on demo data and after random changes to hours, billability, pricing and deleted entries.
/// </summary>
public abstract class ProjectPageFiguresTestsBase<TApp>(TApp app) where TApp : TestApp
{
    [Fact]
    public async Task ThePagesFigures_EqualThoseSummedFromEveryEntryAndLine_AfterRandomChanges()
    {
        var client = await app.SignedInClientAsync("page-figures@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "page-figures@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2, seed: 17);
        }
        var random = new Random(3);
        for (var round = 0; round < 4; round++)
        {
            await AssertSameAsync(userId);
            await app.WithDbAsync(async db =>
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
            }, userId);
        }
        await AssertSameAsync(userId);

        // The pages whose reads are compiled, on this provider: the dashboard, the busiest client's and project's pages.
        var busiest = await app.WithDbAsync(db => db.TimeEntries.GroupBy(t => t.ProjectId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(), userId);
        var project = await app.WithDbAsync(async db => (await ProjectDetailsPage.FindAsync(db, busiest))!, userId);
        Assert.Contains(project.Name, (await client.GetPageAsync($"/projects/details/{project.Id}")).QuerySelector("h1")!.TextContent);
        Assert.Contains(project.Client!.Name, (await client.GetPageAsync($"/clients/details/{project.ClientId}")).QuerySelector("h1")!.TextContent);
        await client.GetPageAsync("/");
    }

    private async Task AssertSameAsync(string userId)
    {
        var ids = await app.WithDbAsync(db => db.Projects.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(), userId);
        Assert.NotEmpty(ids);
        var (invoiced, unbilled) = (false, false);
        foreach (var id in ids)
        {
            var summed = await app.WithDbAsync(db => ProjectFigures.OfProjectAsync(db, id), userId);
            var page = await app.WithDbAsync(async db => await ProjectFigures.OfProjectAsync(db, (await ProjectDetailsPage.FindAsync(db, id))!), userId);
            Assert.Equal(summed, page);
            invoiced |= summed.Invoiced > 0;
            unbilled |= summed.Hours.UnbilledHours > 0;
        }
        Assert.True(invoiced && unbilled, "the demo data has invoiced and unbilled work");
    }
}

public sealed class ProjectPageFiguresTests(TestApp app) : ProjectPageFiguresTestsBase<TestApp>(app), IClassFixture<TestApp>;

public sealed class PostgresProjectPageFiguresTests(FreelancerOS.Tests.Ledger.PostgresTestApp app)
    : ProjectPageFiguresTestsBase<FreelancerOS.Tests.Ledger.PostgresTestApp>(app), IClassFixture<FreelancerOS.Tests.Ledger.PostgresTestApp>;
