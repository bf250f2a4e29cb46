package com.intelia.expert.doctor;

import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.db.JdbiOrphanAuditReads;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.config.SupabaseKeyKind;
import com.intelia.expert.core.UserIdAuditService;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.SupabaseHealth;
import com.intelia.expert.directory.UserDirectory;
import jakarta.ws.rs.client.Client;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checklist's user directory steps: Supabase answers with each configured key and has public.users, and no
 * user_id with conversations lacks a profile in the directory the service uses.
 */
final class DirectoryChecks {

    static final String SUPABASE = "supabase";
    static final String ORPHANS = "orphan user_ids";
    static final String ORPHAN_REMEDY = "POST /tasks/user-id-audit on the admin port, then fix-user-id (option A)"
            + " or create-supabase-user (option B)";

    private final ExpertConfiguration config;
    private final Supplier<DataSource> dataSource;
    private final Client http;

    DirectoryChecks(ExpertConfiguration config, Supplier<DataSource> dataSource, Client http) {
        this.config = config;
        this.dataSource = dataSource;
        this.http = http;
    }

    /** One probe per configured key; the first problem fails the check with the probe's remedy. */
    CheckResult supabase() {
        SupabaseFactory supabase = config.getSupabase();
        if (!supabase.isConfigured()) {
            return config.isProduction()
                    ? CheckResult.fail(SUPABASE, "SUPABASE_URL is not set",
                            "set SUPABASE_URL, SUPABASE_KEY and SUPABASE_SERVICE_KEY (Supabase dashboard, Project Settings, API)")
                    : CheckResult.skipped(SUPABASE, "SUPABASE_URL is not set: profiles come from the local directory"
                            + " (allowed outside production)");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("SUPABASE_SERVICE_KEY", supabase.getServiceKey());
        keys.put("SUPABASE_KEY", supabase.getKey());
        List<String> missing = new ArrayList<>();
        keys.entrySet().removeIf(key -> {
            boolean unset = key.getValue() == null || key.getValue().isBlank();
            if (unset) {
                missing.add(key.getKey());
            }
            return unset;
        });
        if (keys.isEmpty() || (config.isProduction() && !missing.isEmpty())) {
            return CheckResult.fail(SUPABASE, String.join(" and ", missing) + " not set",
                    "set it from the Supabase dashboard (Project Settings, API)");
        }
        double slowest = 0;
        for (Map.Entry<String, String> key : keys.entrySet()) {
            SupabaseHealth.Probe probe = supabase.buildHealth(http, key.getValue()).probe();
            if (!probe.healthy()) {
                return CheckResult.fail(SUPABASE, supabase.getUrl() + " with " + key.getKey() + ": " + probe.problem(),
                        probe.remedy() == null ? "read Supabase's logs (dashboard, Logs, API)" : probe.remedy());
            }
            slowest = Math.max(slowest, probe.latencyMs());
        }
        return CheckResult.ok(SUPABASE, supabase.getUrl() + " answered in " + slowest + " ms, "
                + String.join(" and ", keys.keySet()) + " accepted, public.users present"
                + (missing.isEmpty() ? "" : " (" + String.join(", ", missing) + " not set)"));
    }

    /** Counts orphans through the directory the service would use: Supabase when configured, else the local one. */
    CheckResult orphans() {
        SupabaseFactory supabase = config.getSupabase();
        if (config.isProduction() && !supabase.isConfigured()) {
            return CheckResult.fail(ORPHANS, "could not be checked: SUPABASE_URL is not set", "set SUPABASE_URL");
        }
        if (supabase.isConfigured()) {
            String variable = supabase.getServiceKey() != null && !supabase.getServiceKey().isBlank()
                    ? "SUPABASE_SERVICE_KEY" : "SUPABASE_KEY";
            SupabaseKeyKind kind = SupabaseKeyKind.of(supabase.readKey());
            if (kind.cannotReadEveryProfile()) {
                return CheckResult.skipped(ORPHANS, "not counted: profiles are read with " + variable + ", "
                        + kind.label() + ", which row-level security lets see no other user's profile, so every"
                        + " user_id would look orphaned; set SUPABASE_SERVICE_KEY to the project's secret key"
                        + " (sb_secret_...) or its legacy service_role key");
            }
        }
        UserIdAuditService.Census census;
        try {
            Jdbi jdbi = Jdbis.create(dataSource.get());
            UserDirectory directory = supabase.isConfigured()
                    ? supabase.buildSupabaseDirectory(http, Clock.systemUTC())
                    : new LocalUserDirectory(new JdbiLocalProfileStore(jdbi));
            census = new UserIdAuditService(new JdbiOrphanAuditReads(jdbi), directory).census();
        } catch (RuntimeException e) {
            return CheckResult.fail(ORPHANS, "could not be checked: conversations cannot be read ("
                    + e.getClass().getSimpleName() + ")", "make the postgresql and migrations checks pass");
        }
        if (!census.complete()) {
            return CheckResult.fail(ORPHANS, "could not be checked: the user directory did not answer for "
                    + census.unavailable().size() + " of " + census.usersChecked() + " user_ids (" + census.reason() + ")",
                    "make the supabase check pass, then run doctor again");
        }
        int orphans = census.orphans().size();
        if (orphans == 0) {
            return CheckResult.ok(ORPHANS, "0 among " + census.usersChecked() + " user_ids with conversations");
        }
        return CheckResult.fail(ORPHANS, orphans + " of " + census.usersChecked()
                + " user_ids with conversations have no profile", ORPHAN_REMEDY);
    }
}
