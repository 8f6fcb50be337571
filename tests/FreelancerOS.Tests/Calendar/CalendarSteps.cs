using System.Net;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Calendar;

internal static class CalendarSteps
{
    public static async Task SetTimeZoneAsync(AppClient client, string zone)
    {
        var settings = await client.GetPageAsync("/settings");
        var response = await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["TimeZoneId"] = zone });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> PostMeetingAsync(AppClient client, string title, string start, string end, IDictionary<string, string>? more = null, string createUrl = "/calendar/create", bool forged = false)
    {
        var form = await client.GetPageAsync(createUrl);
        var values = new Dictionary<string, string> { ["Title"] = title, ["Start"] = start, ["End"] = end };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        return forged
            ? await client.SubmitForgedAsync(form, "form[action='/calendar/create']", values)
            : await client.SubmitAsync(form, "form[action='/calendar/create']", values);
    }

    public static async Task<int> CreateMeetingAsync(AppClient client, string title, string start, string end, IDictionary<string, string>? more = null) =>
        AppClient.IdFromRedirect(await PostMeetingAsync(client, title, start, end, more));
}
