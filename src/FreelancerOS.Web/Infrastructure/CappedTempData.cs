using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// The TempData cookie never grows past what a browser sends back: a flash message over 300 characters is
/// cut, whatever a page put in it (a message quoting a long typed value would otherwise make every later
/// request answer 431, /healthz included).
/// </summary>
public sealed class CappedTempData(CookieTempDataProvider inner) : ITempDataProvider
{
    public const int MaxMessageLength = 300;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        foreach (var key in values.Keys.ToList())
            if (values[key] is string { Length: > MaxMessageLength } text)
                values[key] = text[..MaxMessageLength] + "…";
        inner.SaveTempData(context, values);
    }
}

public static class CappedTempDataRegistration
{
    public static IServiceCollection AddCappedTempData(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.TryAddSingleton<CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<ITempDataProvider>(sp => new CappedTempData(sp.GetRequiredService<CookieTempDataProvider>())));
        return services;
    }
}
