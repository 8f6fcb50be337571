using FreelancerOS.Web.Features.Time;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Dashboard;

/// <summary>The first-run checklist on the dashboard; it disappears once every step is done.</summary>
public sealed class FirstStepsViewComponent(CurrentAccount account, CurrentWork work) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var settings = await account.SettingsAsync();
        var hasProject = await work.HasProjectAsync();
        var hasClient = await work.HasClientAsync();
        List<FirstStep> steps =
        [
            new("business", "Enter your business details (name and address on invoices)", "/settings#BusinessName", !string.IsNullOrWhiteSpace(settings.BusinessName)),
            new("rate", "Set your default hourly rate", "/settings#DefaultHourlyRate", settings.DefaultHourlyRate > 0),
            new("client", "Add your first client", "/clients/create", hasClient),
            new("project", "Create your first project", "/projects/create", hasProject),
        ];
        return steps.All(s => s.Done) ? Content("") : View("~/Features/Dashboard/_FirstSteps.cshtml", steps);
    }
}

public sealed record FirstStep(string Key, string Label, string Link, bool Done);
