using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Recurring;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Recurring;

/// <summary>Schedules through the real form; the job as the scheduler runs it (its own scope, no signed-in user).</summary>
internal static class RecurringSteps
{
    public static async Task<HttpResponseMessage> PostScheduleAsync(AppClient client, Dictionary<string, string> values,
        IEnumerable<(string Description, string Quantity, string UnitPrice)>? lines = null, string url = "/recurring/create", bool forged = false)
    {
        var page = await client.GetPageAsync(url);
        var all = new Dictionary<string, string>();
        var k = 0;
        foreach (var (description, quantity, unitPrice) in lines ?? [("Retainer, {period}", "1", "1000")])
        {
            all[$"Lines[{k}].Description"] = description;
            all[$"Lines[{k}].Quantity"] = quantity;
            all[$"Lines[{k}].UnitPrice"] = unitPrice;
            k++;
        }
        foreach (var (key, value) in values) all[key] = value;
        Invoices.InvoiceSteps.AddLineRows(page, k);
        return forged ? await client.SubmitForgedAsync(page, $"form[action='{url}']", all) : await client.SubmitAsync(page, $"form[action='{url}']", all);
    }

    public static async Task<int> CreateScheduleAsync(AppClient client, int clientId, Dictionary<string, string>? values = null,
        IEnumerable<(string, string, string)>? lines = null)
    {
        var all = new Dictionary<string, string> { ["Name"] = "Monthly retainer", ["ClientId"] = clientId.ToString() };
        foreach (var (key, value) in values ?? []) all[key] = value;
        var response = await PostScheduleAsync(client, all, lines);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return AppClient.IdFromRedirect(response);
    }

    public static async Task<int> RunJobAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecurringInvoicesJob>().RunAsync(CancellationToken.None);
    }

    public static void SetDay(TestApp app, DateOnly day, int hour = 6) =>
        app.Clock.Set(new DateTimeOffset(day.Year, day.Month, day.Day, hour, 0, 0, TimeSpan.Zero));

    /// <summary>After the clock jumps weeks ahead the sign-in cookie has expired, as it would for a person: sign in again.</summary>
    public static async Task SignInAgainAsync(AppClient client) =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(client.Email!)).StatusCode);

    /// <summary>The invoices the schedule's runs made, oldest first (bypassing the owner filter, as a raw check).</summary>
    public static Task<List<Invoice>> InvoicesOfAsync(TestApp app, int scheduleId) =>
        app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines)
            .Where(i => db.RecurringRuns.IgnoreQueryFilters().Any(r => r.ScheduleId == scheduleId && r.InvoiceId == i.Id))
            .OrderBy(i => i.IssueDate).ToListAsync());

    public static Task<int> RunCountAsync(TestApp app, int scheduleId) =>
        app.WithDbAsync(db => db.RecurringRuns.IgnoreQueryFilters().CountAsync(r => r.ScheduleId == scheduleId));

    public static async Task<string> NextRunTextAsync(AppClient client, int scheduleId) =>
        (await client.GetPageAsync($"/recurring/details/{scheduleId}")).QuerySelector("[data-role=next-run]")!.TextContent.Trim();
}
