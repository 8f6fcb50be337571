using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Projects;

/// <summary>Creates clients, projects and services through the real forms.</summary>
public static class Work
{
    public static async Task<int> ClientAsync(AppClient client, string name = "Acme Ltd", string? rate = null, string currency = "EUR")
    {
        var form = await client.GetPageAsync("/clients/create");
        var values = new Dictionary<string, string> { ["Name"] = name, ["ContractValue"] = "10000", ["Currency"] = currency, ["Stage"] = "Client" };
        if (rate is not null) values["DefaultHourlyRate"] = rate;
        return AppClient.IdFromRedirect(await client.SubmitAsync(form, "form[action='/clients/create']", values));
    }

    /// <summary>Posts the new-project form; <paramref name="forged"/> lets values it does not offer through (a hand-made request).</summary>
    public static async Task<HttpResponseMessage> SubmitProjectAsync(AppClient client, Dictionary<string, string> values, bool forged = false)
    {
        var form = await client.GetPageAsync("/projects/create");
        return forged
            ? await client.SubmitForgedAsync(form, "form[action='/projects/create']", values)
            : await client.SubmitAsync(form, "form[action='/projects/create']", values);
    }

    public static async Task<int> ProjectAsync(AppClient client, int clientId, string name = "Website", string pricing = "Hourly",
        string? value = null, string? estimate = null, string priority = "Medium", string? rate = null, string basis = "Hours")
    {
        var values = new Dictionary<string, string>
        {
            ["Name"] = name, ["ClientId"] = clientId.ToString(), ["Pricing"] = pricing, ["Priority"] = priority, ["CompletionBasis"] = basis,
        };
        if (value is not null) values["Value"] = value;
        if (estimate is not null) values["EstimatedHours"] = estimate;
        if (rate is not null) values["HourlyRate"] = rate;
        return AppClient.IdFromRedirect(await SubmitProjectAsync(client, values));
    }

    public static async Task<int> ServiceAsync(AppClient client, int projectId, string name = "Design", string pricing = "Hourly", string rate = "100", string quantity = "10")
    {
        var form = await client.GetPageAsync($"/services/create?projectId={projectId}");
        var response = await client.SubmitAsync(form, "form[action='/services/create']", new Dictionary<string, string>
        {
            ["Name"] = name, ["ProjectId"] = projectId.ToString(), ["Pricing"] = pricing, ["Rate"] = rate, ["Quantity"] = quantity,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await LastServiceIdAsync(client, projectId, name);
    }

    private static async Task<int> LastServiceIdAsync(AppClient client, int projectId, string name)
    {
        var page = await client.GetPageAsync($"/projects/details/{projectId}");
        var link = page.QuerySelectorAll("[data-role=services] a").Last(a => a.TextContent.Trim() == name);
        var href = link.GetAttribute("href")!;
        return int.Parse(href[(href.LastIndexOf('/') + 1)..]);
    }

    public static async Task<HttpResponseMessage> LogAsync(AppClient client, int projectId, string hours, string date = "2026-11-20", int? serviceId = null, bool billable = true, bool forged = false)
    {
        var form = await client.GetPageAsync($"/time/create?projectId={projectId}");
        var values = new Dictionary<string, string> { ["ProjectId"] = projectId.ToString(), ["Hours"] = hours, ["Date"] = date, ["Description"] = "Work" };
        values["ServiceId"] = serviceId?.ToString() ?? "";
        if (!billable) values["Billable"] = "false";
        return forged
            ? await client.SubmitForgedAsync(form, "form[action='/time/create']", values)
            : await client.SubmitAsync(form, "form[action='/time/create']", values);
    }
}
