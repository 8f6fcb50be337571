namespace FreelancerOS.Web.Infrastructure;

public static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers.TryGetValue("HX-Request", out var v) && v == "true";

    /// <summary>Asks htmx to raise an event on the page after the swap (e.g. to refresh totals or show a message).</summary>
    public static void TriggerEvent(this HttpResponse response, string name) =>
        response.Headers["HX-Trigger"] = name;
}
