using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>What the timesheet and the timer share: where time may be logged (and at which rate), and the way back to the week.</summary>
internal static class TimeShared
{
    /// <summary>The rate that applies now and the client's currency, or null when the project (or the service within it) is not found.</summary>
    public static async Task<(decimal Rate, string Currency)?> ResolveAsync(AppDbContext db, int projectId, int? serviceId)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == projectId);
        if (project is null) return null;
        Service? service = null;
        if (serviceId is { } sid)
        {
            service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.ProjectId == projectId);
            if (service is null) return null;
        }
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync();
        return (HourlyRates.Resolve(service, project, project.Client!, settings), project.Client!.Currency);
    }

    /// <summary>Like <see cref="ResolveAsync"/> but puts the reason next to the field when the project or service does not fit.</summary>
    public static async Task<(decimal Rate, string Currency)?> CheckTargetAsync(AppDbContext db, ModelStateDictionary modelState, int projectId, int? serviceId)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId))
        {
            modelState.AddModelError(nameof(TimeEntryForm.ProjectId), "Choose the project.");
            return null;
        }
        var target = await ResolveAsync(db, projectId, serviceId);
        if (target is null) modelState.AddModelError(nameof(TimeEntryForm.ServiceId), "That service belongs to another project.");
        return target;
    }

    /// <summary>Back where the form was opened from, or to the entry's week on the timesheet.</summary>
    public static IActionResult BackTo(this Controller controller, string? returnUrl, DateOnly date) =>
        controller.Redirect(controller.Url.LocalOrNull(returnUrl) ?? $"/time?week={Timesheet.MondayOf(date):yyyy-MM-dd}");

    /// <summary>Only a path on this site is followed back (an absolute or protocol-relative URL would be an open redirect).</summary>
    public static string? LocalOrNull(this IUrlHelper urls, string? url) => !string.IsNullOrEmpty(url) && url.Length <= 500 && urls.IsLocalUrl(url) ? url : null;

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
