using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker;

public static class OptionsRegistration
{
    /// <summary>
    /// An area's options bound to its configuration section and validated (data annotations) when
    /// the host starts, so a bad setting stops the start with its name instead of failing a request.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddKnownSettings(new KnownSettings(section, typeof(TOptions), []));
    }

    /// <summary>Names settings the service reads (so that a key under "Matchmaker" that none reads is reported at start).</summary>
    public static IServiceCollection AddKnownSettings(this IServiceCollection services, KnownSettings settings)
    {
        services.AddSingleton(settings);
        return services;
    }
}
