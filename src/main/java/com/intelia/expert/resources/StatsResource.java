package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.api.DashboardStats;
import com.intelia.expert.api.InvitationStats;
import com.intelia.expert.api.QuestionsPage;
import com.intelia.expert.auth.AdminAuthorizer;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.stats.DashboardService;
import com.intelia.expert.stats.InvitationStatsService;
import com.intelia.expert.resources.params.DashboardParams;
import com.intelia.expert.resources.params.InvalidInputException;
import com.intelia.expert.resources.params.QuestionsParams;
import com.intelia.expert.stats.QuestionsService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.intelia.expert.health.HealthService;

/** The statistics the admin pages read: dashboard, questions, invitation figures, and health. */
@Timed
@Tag(name = "Statistics", description = "The figures of the admin pages: dashboard, questions, invitations")
@Path("/v1/stats-fast")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final DashboardService dashboard;
    private final QuestionsService questions;
    private final InvitationStatsService invitations;
    private final HealthService health;

    public StatsResource(DashboardService dashboard, QuestionsService questions, InvitationStatsService invitations,
                         HealthService health) {
        this.dashboard = dashboard;
        this.questions = questions;
        this.invitations = invitations;
        this.health = health;
    }

    /** The public health report, without auth, where the admin pages look for it. */
    @GET
    @Path("health")
    @Tag(name = "Health")
    @Operation(operationId = "statsHealth", summary = "Health, where the admin pages look for it")
    @HealthAnswers
    public Response health() {
        return HealthResource.respond(health.report());
    }

    @GET
    @Path("dashboard")
    @Operation(summary = "The admin dashboard's figures for a period",
            description = "range (default month), or from/to days; not both.")
    @RolesAllowed(AdminAuthorizer.ADMIN)
    public DashboardStats dashboard(@Auth ExpertPrincipal principal, @BeanParam DashboardParams period) {
        return dashboard.dashboard(period.toRange(dashboard.today()));
    }

    /** Admins see every user's questions; other users only their own. */
    @GET
    @Path("questions")
    @Operation(summary = "A page of the questions asked, newest first",
            description = "Every user's for an administrator, the caller's own otherwise. page and limit, or cursor"
                    + " (a next_cursor, which takes precedence over page); filters combine.")
    public QuestionsPage questions(@Auth ExpertPrincipal principal, @BeanParam QuestionsParams query) {
        try {
            return questions.questions(principal.userId(), principal.admin(), query.toQuery());
        } catch (QuestionsService.PageTooDeepException e) {
            throw InvalidInputException.parameter("page", "is too deep to skip to with language, q, or two of"
                    + " user_id, response_source and feedback (more than " + QuestionsService.MAX_OFFSET
                    + " rows); follow next_cursor from an earlier page");
        }
    }

    @GET
    @Path("invitations")
    @Operation(summary = "The invitation figures of the admin pages")
    @RolesAllowed(AdminAuthorizer.ADMIN)
    public InvitationStats.Fast invitations(@Auth ExpertPrincipal principal) {
        return invitations.fast();
    }
}
