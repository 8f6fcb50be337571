using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>A project of the demo with its client and services, for the steps that log time on it.</summary>
public sealed record DemoProject(Project Project, Client Client, IReadOnlyList<Service> Services);

public sealed record DemoWork(IReadOnlyList<DemoProject> Projects, string Summary);

/// <summary>
/// Projects with services, milestones (the 30/40/30 preset) and scope changes: per year of history about
/// ten projects (the heavy profile a hundred), the latest year with work under way and some to come.
/// </summary>
public static class DemoProjects
{
    private static readonly string[] ProjectNames =
    [
        "Website relaunch", "Brand identity", "Online shop", "Newsletter templates", "Annual report", "Mobile app MVP",
        "SEO audit", "Booking system", "Product photography", "Intranet", "Data dashboard", "Pitch deck",
    ];

    private static readonly string[] ServiceNames = ["Design", "Development", "Copywriting", "Consulting", "Project management", "Testing"];

    public static async Task<DemoWork> SeedAsync(DemoRun run)
    {
        var random = run.Random;
        var clients = await run.Db.Clients.AsNoTracking()
            .Where(c => c.Stage == ClientStage.Client || c.Stage == ClientStage.Archived || c.Stage == ClientStage.Negotiation)
            .OrderBy(c => c.Id).ToListAsync();
        if (clients.Count == 0) return new DemoWork([], "No clients to work for");
        var today = run.Today;
        var nextOrder = new Dictionary<Priority, int>();
        var serviceOrder = new Dictionary<WorkStatus, int>();
        var all = new List<DemoProject>();
        int services = 0, milestones = 0;

        for (var year = run.Years - 1; year >= 0; year--)
        {
            var yearStart = today.AddDays(-365 * (year + 1) + 1);
            var work = new List<DemoProject>();
            var perYear = run.Profile.ProjectsPerYear;
            for (var i = 0; i < perYear; i++)
            {
                var client = clients[random.Next(clients.Count)];
                var start = yearStart.AddDays(random.Next(0, 330));
                var end = start.AddDays(random.Next(20, 120));
                // The latest year always has work under way and some to come, so the boards and this week's timesheet have something.
                if (year == 0 && i >= perYear * 6 / 10)
                {
                    start = i < perYear * 9 / 10 ? today.AddDays(-random.Next(14, 60)) : today.AddDays(random.Next(5, 30));
                    end = i < perYear * 9 / 10 ? today.AddDays(random.Next(10, 60)) : start.AddDays(60);
                }
                var fixedPrice = random.Next(3) == 0;
                var estimate = random.Next(4, 30) * 5m;
                var project = new Project
                {
                    Name = ProjectNames[random.Next(ProjectNames.Length)] + (year > 0 ? $" {today.Year - year}" : ""),
                    ClientId = client.Id,
                    Pricing = fixedPrice ? ProjectPricing.FixedPrice : ProjectPricing.Hourly,
                    Value = fixedPrice ? random.Next(3, 25) * 1000m : null,
                    HourlyRate = random.Next(4) == 0 ? 110m : null,
                    Status = end < today ? WorkStatus.Completed : start <= today ? WorkStatus.InProgress : WorkStatus.NotStarted,
                    EstimatedHours = random.Next(6) == 0 ? null : estimate,
                    CompletionBasis = fixedPrice && random.Next(2) == 0 ? CompletionBasis.Invoicing : CompletionBasis.Hours,
                    CreatedAt = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                };
                project.SetDates(start, random.Next(5) == 0 && end < today ? null : end);
                var priority = (Priority)random.Next(3);
                var order = nextOrder.GetValueOrDefault(priority);
                nextOrder[priority] = order + 1;
                project.MoveTo(priority, order);
                run.Db.Projects.Add(project);

                var projectServices = new List<Service>();
                foreach (var name in ServiceNames.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    var flat = random.Next(4) == 0;
                    var service = new Service
                    {
                        Name = name, Project = project, Pricing = flat ? ServicePricing.Flat : ServicePricing.Hourly,
                        Rate = flat ? random.Next(5, 30) * 100m : random.Next(8, 14) * 10m,
                        Quantity = flat ? 1 : random.Next(2, 12) * 5m,
                    };
                    var so = serviceOrder.GetValueOrDefault(project.Status);
                    serviceOrder[project.Status] = so + 1;
                    service.MoveTo(project.Status, so);
                    run.Db.Services.Add(service);
                    projectServices.Add(service);
                    services++;
                }
                work.Add(new DemoProject(project, client, projectServices));
            }
            await run.SaveBatchAsync();

            foreach (var (project, client, _) in work)
            {
                if (project.Pricing == ProjectPricing.FixedPrice) milestones += AddMilestones(run, project, client.Currency);
                if (random.Next(3) == 0)
                {
                    var change = new ScopeChange
                    {
                        ProjectId = project.Id, Description = "Extra landing page requested after the review",
                        EstimateHours = 6m, EstimateAmount = project.Pricing == ProjectPricing.FixedPrice ? 600m : null,
                        RequestedOn = project.StartDate!.Value.AddDays(10),
                    };
                    if (random.Next(2) == 0) project.Approve(change);
                    run.Db.ScopeChanges.Add(change);
                }
            }
            await run.SaveBatchAsync(clear: true);
            all.AddRange(work);
        }
        return new DemoWork(all, $"{all.Count} projects, {services} services, {milestones} milestones");
    }

    /// <summary>Kick-off, delivery and launch over the project's span; those due before today are reached (ready to invoice).</summary>
    private static int AddMilestones(DemoRun run, Project project, string currency)
    {
        var shares = MilestoneSchedule.Presets["30-40-30"];
        var amounts = MilestoneSchedule.Amounts(project.Value!.Value, currency, ShareMode.Percent, shares);
        string[] names = ["Kick-off", "Delivery", "Launch"];
        var span = (project.EndDate ?? project.StartDate!.Value.AddDays(60)).DayNumber - project.StartDate!.Value.DayNumber;
        for (var m = 0; m < 3; m++)
        {
            var due = project.StartDate.Value.AddDays(span * m / 2);
            run.Db.Milestones.Add(new Milestone
            {
                ProjectId = project.Id, Name = names[m], Amount = amounts[m], Percent = shares[m], DueDate = due, SortOrder = m,
                State = due < run.Today ? MilestoneState.Reached : MilestoneState.Pending,
            });
        }
        return 3;
    }
}
