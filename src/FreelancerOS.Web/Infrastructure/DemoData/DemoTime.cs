using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// The hours logged on the demo's projects: about every other working day of each project's span up to
/// today, mostly billable, the rate copied onto the entry as the time pages do (service, project, client, default).
/// </summary>
public static class DemoTime
{
    /// <summary>Entries saved (and, in the heavy profile, forgotten) per this many projects.</summary>
    private const int ProjectsPerBatch = 100;

    public static async Task<int> SeedAsync(DemoRun run, DemoWork work)
    {
        var random = run.Random;
        var today = run.Today;
        var entries = 0;
        for (var p = 0; p < work.Projects.Count; p++)
        {
            var (project, client, services) = work.Projects[p];
            var last = project.EndDate ?? project.StartDate!.Value.AddDays(60);
            if (last > today) last = today;
            for (var day = project.StartDate!.Value; day <= last; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.Next(2) == 0) continue;
                var service = services.Count > 0 && random.Next(4) > 0 ? services[random.Next(services.Count)] : null;
                var entry = new TimeEntry
                {
                    Date = day, ProjectId = project.Id, ServiceId = service?.Id, Description = service?.Name ?? "Coordination",
                    Billable = random.Next(8) > 0, CreatedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero),
                };
                entry.SnapshotRate(HourlyRates.Resolve(service, project, client, run.Settings), client.Currency);
                entry.SetHours(random.Next(2, 25) * 0.25m);
                run.Db.TimeEntries.Add(entry);
                entries++;
            }
            if ((p + 1) % ProjectsPerBatch == 0) await run.SaveBatchAsync(clear: true);
        }
        await run.SaveBatchAsync(clear: true);
        return entries;
    }
}
